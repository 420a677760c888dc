package io.eksid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** AWS errors of the conversion's writes become reasons an admin can act on. */
class IdentityWriterErrorsTest {

    private static AwsServiceException error(String code, int status, String message) {
        return AwsServiceException.builder().statusCode(status).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void accessDeniedNamesTheMissingPermission() {
        IdentityWriteException e = IdentityWriter.explain("update the trust policy of role app",
                "iam:UpdateAssumeRolePolicy", error("AccessDenied", 403, "User is not authorized"));
        assertThat(e.kind()).isEqualTo(IdentityWriteException.Kind.ACCESS_DENIED);
        assertThat(e.missingPermission()).isEqualTo("iam:UpdateAssumeRolePolicy");
        assertThat(e.getMessage()).contains("needs iam:UpdateAssumeRolePolicy").contains("role app");
    }

    @Test
    void passRoleIsNamedForAssociations() {
        IdentityWriteException e = IdentityWriter.explain("associate shop/cart with arn:aws:iam::1:role/r",
                "eks:CreatePodIdentityAssociation and iam:PassRole on arn:aws:iam::1:role/r",
                error("AccessDeniedException", 403, "not authorized to perform iam:PassRole"));
        assertThat(e.getMessage()).contains("iam:PassRole on arn:aws:iam::1:role/r");
    }

    @Test
    void throttlingAndServerErrorsAreTransient() {
        assertThat(IdentityWriter.explain("x", "p", error("Throttling", 400, "Rate exceeded")).isTransient()).isTrue();
        assertThat(IdentityWriter.explain("x", "p", error("ThrottlingException", 429, "slow")).isTransient()).isTrue();
        assertThat(IdentityWriter.explain("x", "p", error("ServerException", 500, "oops")).isTransient()).isTrue();
        assertThat(IdentityWriter.explain("x", "p", error("MalformedPolicyDocument", 400, "bad")).isTransient())
                .isFalse();
    }

    @Test
    void existingNotFoundAndQuotaAreTold() {
        assertThat(IdentityWriter.explain("x", "p", error("ResourceInUseException", 409, "exists")).kind())
                .isEqualTo(IdentityWriteException.Kind.ALREADY_EXISTS);
        assertThat(IdentityWriter.explain("x", "p", error("NoSuchEntity", 404, "gone")).kind())
                .isEqualTo(IdentityWriteException.Kind.NOT_FOUND);
        IdentityWriteException quota = IdentityWriter.explain("x", "p", error("LimitExceeded", 409, "too long"));
        assertThat(quota.kind()).isEqualTo(IdentityWriteException.Kind.LIMIT_EXCEEDED);
        assertThat(quota.getMessage()).contains("Role trust policy length");
    }
}
