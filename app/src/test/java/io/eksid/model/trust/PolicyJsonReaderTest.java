package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Syntax errors name the line, the column and what was expected; the writer's strings read back exactly. */
class PolicyJsonReaderTest {

    private static PolicyParseException error(String json) {
        PolicyParseException e = catchThrowableOfType(PolicyParseException.class, () -> PolicyJsonReader.read(json));
        assertThat(e).as(json).isNotNull();
        return e;
    }

    @Test
    void duplicateKeysAreRejectedAtTheSecondKeyWithItsName() {
        PolicyParseException e = error("{\"Statement\":{\"Effect\":\"Allow\",\n  \"Effect\" : \"Deny\"}}");
        assertThat(e.where()).isEqualTo("line 2, column 3");
        assertThat(e.problem()).isEqualTo("duplicate key \"Effect\" in the same object");

        PolicyParseException nested = error("{\"a\":{\"k\\\"q\":1,\"k\\\"q\":2}}");
        assertThat(nested.where()).isEqualTo("line 1, column 16");
        assertThat(nested.problem()).isEqualTo("duplicate key \"k\"q\" in the same object");
    }

    @Test
    void sameKeyInDifferentObjectsIsFine() throws Exception {
        PolicyNode root = PolicyJsonReader.read("{\"a\":{\"k\":1},\"b\":{\"k\":2}}");
        assertThat(((PolicyNode.JObject) root).members()).containsOnlyKeys("a", "b");
    }

    @Test
    void eachSyntaxErrorSaysWhereAndWhatWasExpected() {
        record Bad(String json, String where, String problem) {
        }
        List<Bad> bad = List.of(
                new Bad("{\"a\":1 \"b\":2}", "line 1, column 8", "expected ',' or '}' but found '\"'"),
                new Bad("[1 2]", "line 1, column 4", "expected ',' or ']' but found '2'"),
                new Bad("{\"Effect\" \"Allow\"}", "line 1, column 11",
                        "expected ':' after the key \"Effect\", found '\"'"),
                new Bad("{\n  \"a\": Allow}", "line 2, column 8",
                        "unexpected 'Allow' where a JSON value was expected (strings must be in double quotes)"),
                new Bad("{\"a\":}", "line 1, column 6", "unexpected '}' where a JSON value was expected"),
                new Bad("{'a':1}", "line 1, column 2", "expected a quoted key, found '''"),
                new Bad("{\"a\":[1}", "line 1, column 8",
                        "unexpected '}': the open array must first be closed with ']'"),
                new Bad("{\"a\":\"x\ny\"}", "line 1, column 8", "a string is not closed before the end of the line"),
                new Bad("{\"a\":\"\u0001\"}", "line 1, column 7", "control character U+0001 must be escaped in a string"),
                new Bad("{\"a\":\"\\x\"}", "line 1, column 8", "invalid escape '\\x' in a string"),
                new Bad("{\"a\":\"\\u12g4\"}", "line 1, column 11", "invalid \\u escape: 'g' is not a hex digit"),
                new Bad("{\"a\":01}", "line 1, column 7", "invalid number: leading zeroes not allowed"),
                new Bad("{\"a\":1.}", "line 1, column 7", "invalid number: decimal point not followed by a digit"),
                new Bad("{\"a\":NaN}", "line 1, column 9",
                        "unexpected 'NaN' where a JSON value was expected (JSON has no NaN or Infinity)"),
                new Bad("{\"a\": \"open", "line 1, column 12",
                        "the document ends inside a string (missing closing quote)"),
                new Bad("{\"a\":[1,", "line 1, column 9", "the document ends inside an array (missing ']')"),
                new Bad("{\"a\":1", "line 1, column 7", "the document ends inside an object (missing '}')"),
                new Bad("{}\n\n  {}", "line 3, column 3", "unexpected '{' after the end of the JSON document"),
                new Bad("{} x", "line 1, column 4", "unexpected 'x' after the end of the JSON document"),
                new Bad("", "line 1, column 1", "the document is empty"));
        for (Bad b : bad) {
            PolicyParseException e = error(b.json);
            assertThat(e.where()).as(b.json).isEqualTo(b.where);
            assertThat(e.problem()).as(b.json).isEqualTo(b.problem);
        }
    }

    @Test
    void columnsDoNotCountAByteOrderMark() {
        assertThat(error("\uFEFF{\"a\" 1}").where()).isEqualTo("line 1, column 6");
    }

    @Test
    void nestingIsBoundedWithThePositionOfTheFirstLevelTooDeep() {
        PolicyParseException e = error("[".repeat(PolicyJsonReader.MAX_DEPTH + 1) + "1");
        assertThat(e.problem()).isEqualTo("the document nests deeper than 64 levels");
        assertThat(e.where()).isEqualTo("line 1, column 66");
    }

    @Test
    void numbersKeepTheirLiteralText() throws Exception {
        PolicyNode root = PolicyJsonReader.read("[1, -0, 2.50, 2.5e3, 1E-7, 12345678901234567890123]");
        assertThat(((PolicyNode.JArray) root).items()).extracting(n -> ((PolicyNode.JNumber) n).literal())
                .containsExactly("1", "-0", "2.50", "2.5e3", "1E-7", "12345678901234567890123");
    }

    @Test
    void everyControlAndOddUnicodeCharacterRoundTripsThroughTheWriter() throws Exception {
        StringBuilder odd = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            odd.append(c);
        }
        odd.append("\u007f\u0080\u00a0\u2028\u2029\ufeff\ufffd\"\\/\uD83D\uDE00${x}%{y}");
        TrustPolicy p = new TrustPolicy(null, odd.toString(), List.of(new Statement(odd.toString(), Effect.ALLOW,
                Principal.of("AWS", odd.toString()), false, StringValues.of("sts:AssumeRole"), false,
                Map.of("StringEquals", Map.of(odd.toString(), ConditionValues.strings(List.of(odd.toString())))))),
                false);
        String json = p.toJson();
        assertThat(json).doesNotContain("\\b").doesNotContain("\\f").contains("\\u0008").contains("\\u000C")
                .contains("\\n").contains("\\t").contains("\\r").contains("\\\"").contains("\\\\");
        for (char c = 0; c < 0x20; c++) {
            assertThat(json.indexOf(c)).as("raw U+%04X", (int) c).isNegative();
        }
        assertThat(TrustPolicy.parse(json)).isEqualTo(p);
        assertThat(TrustPolicy.parse(p.toPrettyJson())).isEqualTo(p);
    }

    @Property(tries = 200)
    void anyStringRoundTripsThroughTheWriter(@ForAll @StringLength(min = 1, max = 40) String text)
            throws Exception {
        TrustPolicy p = new TrustPolicy("2012-10-17", null, List.of(new Statement(text, Effect.DENY,
                Principal.of("Federated", text), false, StringValues.list(List.of("sts:AssumeRole")), false, null)),
                true);
        assertThat(TrustPolicy.parse(p.toJson())).isEqualTo(p);
    }
}
