package io.eksid.model;

/** The service-account annotations the EKS pod identity webhook reads for IRSA (FACTS.md, IRSA). */
public final class IrsaAnnotations {

    public static final String ROLE_ARN = "eks.amazonaws.com/role-arn";
    public static final String AUDIENCE = "eks.amazonaws.com/audience";
    public static final String STS_REGIONAL_ENDPOINTS = "eks.amazonaws.com/sts-regional-endpoints";
    public static final String TOKEN_EXPIRATION = "eks.amazonaws.com/token-expiration";
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    private IrsaAnnotations() {
    }
}
