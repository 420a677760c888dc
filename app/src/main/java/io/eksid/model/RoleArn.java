package io.eksid.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IAM role ARN, {@code arn:<partition>:iam::<account>:role/<path/><name>}. The role name is the last
 * segment; the path (with leading and trailing slash, {@code /} when none) is everything before it.
 */
public record RoleArn(Partition partition, String account, String path, String name) {

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    public RoleArn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
    }

    public static RoleArn parse(String text) {
        Arn arn = Arn.parse(text);
        if (!arn.service().equals("iam")) {
            throw new InvalidArnException(text, "service is '" + arn.service() + "', a role ARN has service 'iam'");
        }
        if (!arn.region().isEmpty()) {
            throw new InvalidArnException(text, "IAM ARNs have no region, found '" + arn.region() + "'");
        }
        if (arn.account().isEmpty()) {
            throw new InvalidArnException(text, "the account is missing");
        }
        if (arn.account().equals("aws")) {
            throw new InvalidArnException(text, "'aws' owns managed policies, not roles: a role ARN names a 12-digit account");
        }
        String resource = arn.resource();
        if (!resource.startsWith("role/")) {
            throw new InvalidArnException(text, "resource '" + resource + "' is not a role (expected role/<path/>name)");
        }
        String rest = resource.substring("role/".length());
        int slash = rest.lastIndexOf('/');
        String name = slash < 0 ? rest : rest.substring(slash + 1);
        String path = slash < 0 ? "/" : "/" + rest.substring(0, slash + 1);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidArnException(text, "role name '" + name + "' is not a valid IAM role name");
        }
        if (path.contains("//")) {
            throw new InvalidArnException(text, "role path '" + path + "' has an empty segment");
        }
        return new RoleArn(arn.partition(), arn.account(), path, name);
    }

    public static Optional<RoleArn> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidArnException e) {
            return Optional.empty();
        }
    }

    public static RoleArn of(Partition partition, String account, String path, String name) {
        return new RoleArn(partition, account, path == null || path.isEmpty() ? "/" : path, name);
    }

    @Override
    public String toString() {
        return "arn:" + partition.id() + ":iam::" + account + ":role" + path + name;
    }
}
