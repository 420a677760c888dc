package io.eksid.sandbox.aws;

import java.util.regex.Pattern;

/**
 * IAM's front-end constraint checks (model data/iam/2010-05-08 member patterns and lengths), failing
 * with IAM's {@code ValidationError} message format before an operation touches any state.
 */
final class IamConstraints {

    static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    static final Pattern ROLE_PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    private static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9.,+@=_-]+)*)/");

    private IamConstraints() {
    }

    static void requireRoleName(String name) {
        require(name != null && ROLE_NAME.matcher(name).matches(), String.valueOf(name), "roleName",
                name == null ? "Member must not be null"
                        : name.length() > 64 ? "Member must have length less than or equal to 64"
                        : "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }

    static void requirePolicyPath(String pathPrefix) {
        if (pathPrefix != null) {
            require(POLICY_PATH.matcher(pathPrefix).matches(), pathPrefix, "pathPrefix",
                    "Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
        }
    }

    static void requireArn(String arn, String field) {
        require(arn != null && arn.length() >= 20 && arn.length() <= 2048, String.valueOf(arn), field,
                "Member must have length greater than or equal to 20");
        if (!arn.startsWith("arn:")) {
            throw AwsError.invalidInput("ARN " + arn + " is not valid.");
        }
    }

    /** Model policyDocumentType: 1..131072 characters from tab, LF, CR and U+0020..U+00FF. */
    static void requireDocumentCharacters(String document, String field) {
        require(document != null && !document.isEmpty(), "null", field, "Member must not be null");
        require(document.length() <= 131072, "...", field, "Member must have length less than or equal to 131072");
        boolean ok = document.chars().allMatch(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF));
        require(ok, document.length() > 40 ? document.substring(0, 40) + "..." : document, field,
                "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    }

    /** IAM's front-end constraint check, with its message format. */
    static void require(boolean ok, String value, String field, String constraint) {
        if (!ok) {
            throw AwsError.validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: " + constraint);
        }
    }
}
