package io.eksid.sandbox.aws;

/**
 * Who is calling and where: the account the access key belongs to, the identity behind the key (the
 * account's IAM user, or a role session from AssumeRole) and the region of the signature scope.
 * {@code principalArn} is what trust policies match: the user ARN, or the role ARN of a session.
 */
record Caller(Account account, String region, String arn, String userId, String principalArn, boolean roleSession) {

    static Caller user(Account account, String region) {
        return new Caller(account, region, account.callerArn(), account.callerUserId(), account.callerArn(), false);
    }

    static Caller session(StsSessions.Session s, String region) {
        return new Caller(s.account(), region, s.assumedRoleArn(), s.roleId() + ":" + s.sessionName(), s.roleArn(), true);
    }

    String accountId() {
        return account.accountId();
    }
}
