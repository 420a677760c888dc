package io.eksid.sandbox.aws;

import java.time.Duration;
import java.util.Map;

/**
 * STS (Query/XML, model data/sts/2011-06-15): GetCallerIdentity, and AssumeRole with temporary
 * credentials that the emulator then accepts as the assumed role.
 */
final class StsQueryApi {

    static final QueryProtocol PROTOCOL = new QueryProtocol("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15");
    private static final String SESSION_NAME = "[\\w+=,.@-]{2,64}";
    private static final String EXTERNAL_ID = "[\\w+=,.@:/-]{2,1224}";

    private final AwsWorld world;
    private final IamService iam;
    private final StsSessions sessions;

    StsQueryApi(AwsWorld world) {
        this.world = world;
        this.iam = world.iam();
        this.sessions = world.sessions();
    }

    WireResponse handle(Caller caller, WireRequest request) {
        Map<String, String> params = QueryProtocol.parameters(request);
        String action = PROTOCOL.action(params);
        return switch (action) {
            case "GetCallerIdentity" -> PROTOCOL.result(action, r -> r
                    .element("Arn", caller.arn())
                    .element("UserId", caller.userId())
                    .element("Account", caller.accountId()));
            case "AssumeRole" -> assumeRole(caller, params);
            default -> throw QueryProtocol.unknownAction(action, PROTOCOL.version());
        };
    }

    private WireResponse assumeRole(Caller caller, Map<String, String> p) {
        String roleArn = p.get("RoleArn");
        String sessionName = p.get("RoleSessionName");
        String externalId = p.get("ExternalId");
        require(roleArn != null && roleArn.length() >= 20, roleArn, "roleArn", "Member must have length greater than or equal to 20");
        require(sessionName != null && sessionName.matches(SESSION_NAME), sessionName, "roleSessionName",
                "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        require(externalId == null || externalId.matches(EXTERNAL_ID), externalId, "externalId",
                "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
        int seconds = 3600;
        if (p.get("DurationSeconds") != null) {
            try {
                seconds = Integer.parseInt(p.get("DurationSeconds").trim());
            } catch (NumberFormatException e) {
                require(false, p.get("DurationSeconds"), "durationSeconds", "Member must be a number");
            }
        }
        require(seconds >= 900 && seconds <= 43200, String.valueOf(seconds), "durationSeconds",
                "Member must have value between 900 and 43200");
        AwsError denied = new AwsError("AccessDenied", 403, "User: " + caller.arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        IamRoleRecord role = iam.roleByArn(roleArn).orElseThrow(() -> denied);
        if (!AssumeRoleTrust.allows(role.trustPolicy(),
                new AssumeRoleTrust.Request(caller.principalArn(), caller.accountId(), externalId))) {
            throw denied;
        }
        if (caller.roleSession() && seconds > 3600) {
            throw AwsError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (seconds > role.maxSessionDuration()) {
            throw AwsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        StsSessions.Session s = sessions.start(world.account(role.accountId()), role, sessionName, Duration.ofSeconds(seconds));
        return PROTOCOL.result("AssumeRole", r -> r
                .element("Credentials", c -> c
                        .element("AccessKeyId", s.accessKeyId())
                        .element("SecretAccessKey", s.secretAccessKey())
                        .element("SessionToken", s.sessionToken())
                        .element("Expiration", s.expiration()))
                .element("AssumedRoleUser", u -> u
                        .element("AssumedRoleId", s.roleId() + ":" + s.sessionName())
                        .element("Arn", s.assumedRoleArn())));
    }

    private static void require(boolean ok, String value, String field, String constraint) {
        if (!ok) {
            throw AwsError.validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: " + constraint);
        }
    }
}
