package io.eksid.model.access;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request a role session might make: "may it call {@code action} on {@code resource}?".
 *
 * @param context extra request context keys ({@code s3:prefix}, {@code aws:SourceVpce}...); a key with several
 *                values is multi-valued. Keys the session itself decides (principal tags, {@code aws:PrincipalArn})
 *                come from the session, not from here.
 */
public record AccessRequest(String action, String resource, Map<String, List<String>> context) {

    public AccessRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
