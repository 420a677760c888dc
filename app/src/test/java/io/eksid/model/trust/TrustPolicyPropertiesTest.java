package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Printing and parsing are inverse, and the size figure does not depend on formatting. */
class TrustPolicyPropertiesTest {

    @Property(tries = 300)
    void parseOfPrintIsIdentity(@ForAll("policies") TrustPolicy p) throws PolicyParseException {
        assertThat(TrustPolicy.parse(p.toJson())).isEqualTo(p);
        assertThat(TrustPolicy.parse(p.toPrettyJson())).isEqualTo(p);
        assertThat(TrustPolicy.parse(p.toJson()).toJson()).isEqualTo(p.toJson());
    }

    @Property(tries = 200)
    void urlEncodedFormParsesToTheSamePolicy(@ForAll("policies") TrustPolicy p) throws PolicyParseException {
        assertThat(TrustPolicy.parse(Rfc3986.encode(p.toJson()))).isEqualTo(p);
        assertThat(TrustPolicy.decodeIamDocument(Rfc3986.encode(p.toJson()))).isEqualTo(p.toJson());
    }

    @Property(tries = 300)
    void sizeIgnoresWhiteSpaceBetweenTokens(@ForAll("policies") TrustPolicy p, @ForAll("spacing") List<String> pads) {
        PolicySize compact = PolicySize.measure(p.toJson(), PolicySize.DEFAULT_QUOTA);
        assertThat(PolicySize.measure(p.toPrettyJson(), PolicySize.DEFAULT_QUOTA)).isEqualTo(compact);
        assertThat(PolicySize.measure(padTokens(p.toJson(), pads), PolicySize.DEFAULT_QUOTA)).isEqualTo(compact);
        assertThat(compact.characters()).isEqualTo(p.toJson().codePointCount(0, p.toJson().length()));
    }

    /** Inserts white space after structural characters outside strings. */
    static String padTokens(String json, List<String> pads) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        boolean escaped = false;
        int n = 0;
        for (char c : json.toCharArray()) {
            sb.append(c);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if ("{}[],:".indexOf(c) >= 0) {
                sb.append(pads.get(n++ % pads.size()));
            }
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<List<String>> spacing() {
        return Arbitraries.of(" ", "\n", "\t", "  ", "\r\n  ", "").list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<TrustPolicy> policies() {
        Arbitrary<String> version = Arbitraries.of("2012-10-17", "2008-10-17").injectNull(0.2);
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8).injectNull(0.8);
        Arbitrary<List<Statement>> statements = statement().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Boolean> listForm = Arbitraries.of(true, false);
        return Combinators.combine(version, id, statements, listForm)
                .as((v, i, s, l) -> new TrustPolicy(v, i, s, l || s.size() != 1));
    }

    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.of("system:serviceaccount:pay:api", "sts.amazonaws.com", "a\"quote", "back\\slash",
                        "tab\there", "new\nline", "ünïcødé ✓", "with space", "${aws:username}", "*", "?x",
                        "%20not-encoded", "plus+sign", "\u0001ctl"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12));
    }

    static Arbitrary<Statement> statement() {
        Arbitrary<String> sid = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10).injectNull(0.4);
        Arbitrary<Effect> effect = Arbitraries.of(Effect.class);
        Arbitrary<Principal> principal = Arbitraries.oneOf(Arbitraries.just(Principal.any()), typedPrincipal());
        Arbitrary<StringValues> actions = values(Arbitraries.of("sts:AssumeRole", "sts:TagSession",
                "sts:AssumeRoleWithWebIdentity", "sts:*", "*", "STS:Assume*", "sts:Assume?ole"));
        Arbitrary<Map<String, Map<String, ConditionValues>>> condition = condition().injectNull(0.3);
        return Combinators.combine(sid, effect, principal, Arbitraries.of(true, false), actions,
                        Arbitraries.of(true, false), condition)
                .as(Statement::new);
    }

    static Arbitrary<Principal> typedPrincipal() {
        Arbitrary<String> type = Arbitraries.of("AWS", "Federated", "Service", "CanonicalUser");
        Arbitrary<StringValues> v = values(Arbitraries.oneOf(text(), Arbitraries.of("*",
                "arn:aws:iam::111122223333:root", "pods.eks.amazonaws.com",
                "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC")));
        return Arbitraries.maps(type, v).ofMinSize(1).ofMaxSize(3)
                .map(m -> new Principal(false, new LinkedHashMap<>(m)));
    }

    static Arbitrary<StringValues> values(Arbitrary<String> element) {
        Arbitrary<StringValues> single = element.map(StringValues::of);
        Arbitrary<StringValues> list = element.list().ofMinSize(1).ofMaxSize(3).map(StringValues::list);
        return Arbitraries.oneOf(single, list);
    }

    static Arbitrary<Map<String, Map<String, ConditionValues>>> condition() {
        Arbitrary<String> op = Arbitraries.of("StringEquals", "StringLike", "ForAnyValue:StringEquals",
                "ForAllValues:StringNotLike", "ArnLikeIfExists", "Bool", "Null", "NumericLessThan", "Weird Op");
        Arbitrary<String> key = Arbitraries.oneOf(text(), Arbitraries.of("aws:SourceAccount",
                "oidc.eks.us-west-2.amazonaws.com/id/ABC:sub"));
        Arbitrary<PolicyValue> value = Arbitraries.oneOf(
                text().map(PolicyValue::string),
                Arbitraries.of("true", "false").map(b -> new PolicyValue(b, PolicyValue.Kind.BOOLEAN)),
                Arbitraries.of("0", "-12", "3.25", "1e3", "6.02E+23", "-0.5e-2")
                        .map(n -> new PolicyValue(n, PolicyValue.Kind.NUMBER)));
        Arbitrary<ConditionValues> values = Arbitraries.oneOf(
                value.map(v -> new ConditionValues(List.of(v), false)),
                value.list().ofMinSize(1).ofMaxSize(3).map(l -> new ConditionValues(l, true)));
        Arbitrary<Map<String, ConditionValues>> keys = Arbitraries.maps(key, values).ofMinSize(1).ofMaxSize(3)
                .map(LinkedHashMap::new);
        return Arbitraries.maps(op, keys).ofMinSize(0).ofMaxSize(3).map(m -> new LinkedHashMap<>(m));
    }

    /** RFC 3986 percent-encoding as IAM applies it (unreserved characters stay). */
    static final class Rfc3986 {
        static String encode(String s) {
            StringBuilder sb = new StringBuilder();
            for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                    sb.append((char) c);
                } else {
                    sb.append('%').append(String.format("%02X", c));
                }
            }
            return sb.toString();
        }

        private Rfc3986() {
        }
    }

}
