package io.eksid.sandbox.aws;

import java.util.Map;

/** STS (Query/XML, model data/sts/2011-06-15): GetCallerIdentity for the account of the access key. */
final class StsQueryApi {

    static final QueryProtocol PROTOCOL = new QueryProtocol("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15");

    WireResponse handle(Caller caller, WireRequest request) {
        Map<String, String> params = QueryProtocol.parameters(request);
        String action = PROTOCOL.action(params);
        if (!action.equals("GetCallerIdentity")) {
            throw QueryProtocol.unknownAction(action, PROTOCOL.version());
        }
        Account account = caller.account();
        return PROTOCOL.result(action, r -> r
                .element("Arn", account.callerArn())
                .element("UserId", account.callerUserId())
                .element("Account", account.accountId()));
    }
}
