package io.eksid.sandbox.aws;

/** Who is calling and where: the account chosen by the access key, the region of the signature scope. */
record Caller(Account account, String region) {
    String accountId() {
        return account.accountId();
    }
}
