package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void wildcards() {
        assertThat(Glob.matches("system:serviceaccount:pay:*", "system:serviceaccount:pay:api", false)).isTrue();
        assertThat(Glob.matches("system:serviceaccount:pay:*", "system:serviceaccount:pay:", false)).isTrue();
        assertThat(Glob.matches("api-?", "api-1", false)).isTrue();
        assertThat(Glob.matches("api-?", "api-", false)).isFalse();
        assertThat(Glob.matches("STS:Assume*", "sts:AssumeRoleWithWebIdentity", true)).isTrue();
        assertThat(Glob.matches("STS:Assume*", "sts:AssumeRole", false)).isFalse();
        assertThat(new Glob(List.of(Glob.Part.text("a*b"))).matches("axb", false)).isFalse();
        assertThat(new Glob(List.of(Glob.Part.text("a*b"))).matches("a*b", false)).isTrue();
    }

    @Test
    void hostilePatternsStayFast() {
        String pattern = "*a".repeat(200) + "b";
        assertThat(Glob.matches(pattern, "a".repeat(2000), false)).isFalse();
    }

    @Property(tries = 300)
    void agreesWithARegularExpression(@ForAll @StringLength(max = 8) @Chars({'a', 'b', '*', '?'}) String pattern,
                                      @ForAll @StringLength(max = 10) @AlphaChars String value) {
        String v = value.toLowerCase().replaceAll("[^ab]", "a");
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        assertThat(Glob.matches(pattern, v, false)).isEqualTo(v.matches(regex));
    }
}
