package io.eksid.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed Amazon Resource Name: {@code arn:<partition>:<service>:<region>:<account>:<resource>}.
 * Parsing is strict and its errors say what is wrong, because odd ARNs come from user input and annotations.
 */
public record Arn(Partition partition, String service, String region, String account, String resource) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resource, "resource");
    }

    /** Parses an ARN or throws {@link InvalidArnException} with the reason. */
    public static Arn parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidArnException(String.valueOf(text), "it is empty");
        }
        String s = text.strip();
        String[] parts = s.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            throw new InvalidArnException(s, "an ARN has the form arn:partition:service:region:account:resource");
        }
        Partition partition = Partition.fromId(parts[1]).orElseThrow(() ->
                new InvalidArnException(s, "unknown partition '" + parts[1] + "' (expected aws, aws-cn or aws-us-gov)"));
        if (parts[2].isEmpty()) {
            throw new InvalidArnException(s, "the service part is empty");
        }
        // "aws" is the account of AWS managed policies (arn:aws:iam::aws:policy/...).
        if (!parts[4].isEmpty() && !parts[4].equals("aws") && !ACCOUNT.matcher(parts[4]).matches()) {
            throw new InvalidArnException(s, "account '" + parts[4] + "' is not a 12-digit AWS account ID");
        }
        if (parts[5].isEmpty()) {
            throw new InvalidArnException(s, "the resource part is empty");
        }
        return new Arn(partition, parts[2], parts[3], parts[4], parts[5]);
    }

    public static Optional<Arn> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidArnException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "arn:" + partition.id() + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
