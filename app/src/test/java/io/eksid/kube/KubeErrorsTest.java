package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class KubeErrorsTest {

    private static KubernetesClientException http(int code, String message) {
        return new KubernetesClientException(message, code, new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void httpAnswers() {
        assertThat(KubeErrors.classify("list pods", http(401, "Unauthorized")).failure())
                .isEqualTo(KubeFailure.UNAUTHORIZED);
        KubeException forbidden = KubeErrors.classify("list pods", http(403,
                "pods is forbidden: User \"dev\" cannot list resource \"pods\" at the cluster scope"));
        assertThat(forbidden.failure()).isEqualTo(KubeFailure.FORBIDDEN);
        assertThat(forbidden.httpCode()).isEqualTo(403);
        assertThat(forbidden.getMessage()).isEqualTo("list pods failed: 403 Forbidden: pods is forbidden: User "
                + "\"dev\" cannot list resource \"pods\" at the cluster scope");
        assertThat(KubeErrors.classify("x", http(404, "nope")).failure()).isEqualTo(KubeFailure.NOT_FOUND);
        assertThat(KubeErrors.classify("x", http(409, "changed")).failure()).isEqualTo(KubeFailure.CONFLICT);
        assertThat(KubeErrors.classify("x", http(410, "too old")).failure()).isEqualTo(KubeFailure.GONE);
        assertThat(KubeErrors.classify("x", http(503, "busy")).failure()).isEqualTo(KubeFailure.SERVER_ERROR);
        assertThat(KubeErrors.classify("x", new CompletionException(http(401, "u"))).failure())
                .isEqualTo(KubeFailure.UNAUTHORIZED);
    }

    @Test
    void watchGoneAndExecFailures() {
        WatcherException gone = new WatcherException("expired", http(410, "too old resource version"));
        assertThat(KubeErrors.classify("watch pods", gone).failure()).isEqualTo(KubeFailure.GONE);
        KubeException exec = KubeErrors.classify("connect", new KubernetesClientException("wrapped",
                new ExecPluginException("exec plugin 'aws eks get-token' exited with code 255: SSO expired")));
        assertThat(exec.failure()).isEqualTo(KubeFailure.EXEC_PLUGIN_FAILED);
        assertThat(exec.getMessage()).contains("SSO expired");
    }

    @Test
    void networkAndCertificateProblems() {
        assertThat(KubeErrors.classify("connect", new KubernetesClientException("io",
                new ConnectException("Connection refused"))).failure()).isEqualTo(KubeFailure.UNREACHABLE);
        KubeException dns = KubeErrors.classify("connect", new UnknownHostException("abc.eks.amazonaws.com"));
        assertThat(dns.failure()).isEqualTo(KubeFailure.UNREACHABLE);
        assertThat(dns.getMessage()).contains("does not resolve");
        KubeException pkix = KubeErrors.classify("connect", new KubernetesClientException("ssl",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path")));
        assertThat(pkix.failure()).isEqualTo(KubeFailure.CERTIFICATE);
        assertThat(pkix.getMessage()).contains("not trusted");
        KubeException host = KubeErrors.classify("connect", new SSLHandshakeException(
                "No subject alternative DNS name matching api.example.com found"));
        assertThat(host.failure()).isEqualTo(KubeFailure.CERTIFICATE);
        assertThat(host.getMessage()).contains("does not match its host name");
        assertThat(KubeErrors.classify("connect", new CertificateException("bad cert")).failure())
                .isEqualTo(KubeFailure.CERTIFICATE);
        assertThat(KubeErrors.classify("x", new IllegalStateException("odd")).failure()).isEqualTo(KubeFailure.OTHER);
    }
}
