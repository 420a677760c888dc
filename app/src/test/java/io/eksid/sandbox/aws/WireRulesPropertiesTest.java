package io.eksid.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class WireRulesPropertiesTest {

    @Property(tries = 300)
    void rfc3986EncodingKeepsOnlyUnreservedCharactersAndRoundTrips(@ForAll @StringLength(max = 80) String text) {
        String encoded = Rfc3986.encode(text);
        assertThat(encoded).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Property(tries = 200)
    void paginationVisitsEveryItemExactlyOnce(@ForAll @IntRange(min = 0, max = 250) int size,
                                              @ForAll @IntRange(min = 1, max = 100) int pageSize) {
        List<String> items = IntStream.range(0, size).mapToObj(i -> String.format("item-%05d", i)).toList();
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Pages.Page<String> page = Pages.page(items, s -> s, token, pageSize, () -> new AwsError("Bad", 400, "bad"));
            seen.addAll(page.items());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).isEqualTo(items);
        assertThat(pages).isEqualTo(Math.max(1, (size + pageSize - 1) / pageSize));
    }

    @Property(tries = 200)
    void whiteSpaceNeverCountsTowardsThePolicySize(@ForAll @StringLength(max = 60) String text,
                                                    @ForAll @IntRange(min = 0, max = 20) int padding) {
        String padded = " ".repeat(padding) + text.replace(",", ",\n\t ") + "\n".repeat(padding);
        assertThat(PolicyDocuments.nonWhitespaceLength(padded)).isEqualTo(PolicyDocuments.nonWhitespaceLength(text));
    }
}
