package io.eksid.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.kube.lean.LeanPod;
import io.eksid.model.PodCredentials;
import io.eksid.model.PodInfo;
import io.eksid.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PodTrimmerTest {

    private final ObjectMapper json = new ObjectMapper();

    private LeanPod parse(String text) {
        try {
            return json.readValue(text, LeanPod.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String pod(String name, String owner, String labels, String spec) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"shop","uid":"u-%s",
                 "creationTimestamp":"2025-03-01T10:00:00Z","labels":{%s},
                 "ownerReferences":[%s],
                 "managedFields":[{"manager":"kubelet","fieldsV1":{"f:status":{}}}],
                 "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...huge...}"}},
                 "spec":%s,
                 "status":{"phase":"Running","startTime":"2025-03-01T10:00:05Z","conditions":[{"type":"Ready"}]}}
                """.formatted(name, name, labels, owner, spec);
    }

    @Test
    void podIdentityPodOwnedByDeploymentViaReplicaSet() {
        OwnerIndex owners = new OwnerIndex();
        owners.replicaSet("shop", "cart-5d8f7c", new WorkloadRef("Deployment", "cart"));
        LeanPod lean = parse(pod("cart-5d8f7c-abcde",
                "{\"kind\":\"ReplicaSet\",\"name\":\"cart-5d8f7c\",\"controller\":true,\"apiVersion\":\"apps/v1\"}",
                "\"pod-template-hash\":\"5d8f7c\"", """
                {"serviceAccountName":"cart","nodeName":"ip-10-0-1-2.ec2.internal","containers":[
                  {"name":"app","image":"x","env":[
                    {"name":"AWS_CONTAINER_CREDENTIALS_FULL_URI","value":"http://169.254.170.23/v1/credentials"},
                    {"name":"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                     "value":"/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token"},
                    {"name":"DB","valueFrom":{"secretKeyRef":{"name":"db","key":"pw"}}}]}]}
                """));
        PodInfo info = new PodTrimmer(owners).trim(lean);
        assertThat(info).isEqualTo(new PodInfo("shop", "cart-5d8f7c-abcde", "u-cart-5d8f7c-abcde", "cart",
                "ip-10-0-1-2.ec2.internal", new WorkloadRef("Deployment", "cart"), "Running",
                Instant.parse("2025-03-01T10:00:00Z"), PodCredentials.podIdentityVars(), false, false, false));
    }

    @Test
    void irsaPodWithUnknownReplicaSetFallsBackToTemplateHashRule() {
        LeanPod lean = parse(pod("api-7b9c-x1", "{\"kind\":\"ReplicaSet\",\"name\":\"api-7b9c\",\"controller\":true}",
                "\"pod-template-hash\":\"7b9c\"", """
                {"serviceAccountName":"api","containers":[{"name":"a","env":[
                  {"name":"AWS_ROLE_ARN","value":"arn:aws:iam::111122223333:role/teams/api"},
                  {"name":"AWS_WEB_IDENTITY_TOKEN_FILE","value":"/var/run/secrets/eks.amazonaws.com/serviceaccount/token"}
                ]}]}
                """));
        PodInfo info = new PodTrimmer(new OwnerIndex()).trim(lean);
        assertThat(info.owner()).isEqualTo(new WorkloadRef("Deployment", "api"));
        assertThat(info.credentials()).isEqualTo(PodCredentials.irsaVars("arn:aws:iam::111122223333:role/teams/api"));
        assertThat(info.serviceAccount()).isEqualTo("api");
    }

    @Test
    void fargateWindowsHostNetworkAndBarePods() {
        PodTrimmer trimmer = new PodTrimmer(new OwnerIndex());
        PodInfo fargate = trimmer.trim(parse(pod("f", "", "\"eks.amazonaws.com/fargate-profile\":\"fp\"",
                "{\"containers\":[{\"name\":\"a\"}]}")));
        assertThat(fargate.fargate()).isTrue();
        assertThat(fargate.owner()).isNull();
        assertThat(fargate.serviceAccount()).isEqualTo("default");
        assertThat(fargate.credentials()).isEqualTo(PodCredentials.NONE);

        PodInfo fargateNode = trimmer.trim(parse(pod("g", "", "",
                "{\"nodeName\":\"fargate-ip-10-0-0-1.ec2.internal\",\"containers\":[]}")));
        assertThat(fargateNode.fargate()).isTrue();

        PodInfo windows = trimmer.trim(parse(pod("w", "", "",
                "{\"nodeSelector\":{\"kubernetes.io/os\":\"windows\"},\"hostNetwork\":true,\"containers\":[]}")));
        assertThat(windows.windows()).isTrue();
        assertThat(windows.hostNetwork()).isTrue();
        assertThat(windows.fargate()).isFalse();
    }

    @Test
    void statefulSetDaemonSetAndCronJobOwners() {
        OwnerIndex owners = new OwnerIndex();
        owners.job("shop", "report-29000000", new WorkloadRef("CronJob", "report"));
        PodTrimmer trimmer = new PodTrimmer(owners);
        assertThat(trimmer.trim(parse(pod("db-0", "{\"kind\":\"StatefulSet\",\"name\":\"db\",\"controller\":true}",
                "", "{}"))).owner()).isEqualTo(new WorkloadRef("StatefulSet", "db"));
        assertThat(trimmer.trim(parse(pod("job-x", "{\"kind\":\"Job\",\"name\":\"report-29000000\"}", "", "{}")))
                .owner()).isEqualTo(new WorkloadRef("CronJob", "report"));
        assertThat(trimmer.trim(parse(pod("job-y", "{\"kind\":\"Job\",\"name\":\"oneoff\"}", "", "{}")))
                .owner()).isEqualTo(new WorkloadRef("Job", "oneoff"));
    }

    @Test
    void repeatedStringsAreShared() {
        PodTrimmer trimmer = new PodTrimmer(new OwnerIndex());
        String spec = "{\"serviceAccountName\":\"cart\",\"nodeName\":\"node-1\",\"containers\":[]}";
        PodInfo a = trimmer.trim(parse(pod("a", "", "", spec)));
        PodInfo b = trimmer.trim(parse(pod("b", "", "", spec)));
        assertThat(a.namespace()).isSameAs(b.namespace());
        assertThat(a.serviceAccount()).isSameAs(b.serviceAccount());
        assertThat(a.nodeName()).isSameAs(b.nodeName());
        assertThat(a.phase()).isSameAs(b.phase());
        assertThat(a.credentials()).isSameAs(b.credentials());
    }

    @Test
    void ownerIndexForgetsAndIgnoresForeignOwners() {
        OwnerIndex owners = new OwnerIndex();
        owners.replicaSet("ns", "rs", new WorkloadRef("Deployment", "d"));
        owners.replicaSet("ns", "rs", null);
        assertThat(owners.size()).isZero();
        assertThat(OwnerIndex.ownerOf(new ObjectMetaBuilder().addNewOwnerReference().withKind("Rollout")
                .withName("r").withController(true).endOwnerReference().build(), "Deployment")).isNull();
    }

    /** The env→credentials rule: a pair must be complete in one container; any container may carry it. */
    @Property(tries = 300)
    void credentialVariablesNeedTheirPair(@ForAll boolean uri, @ForAll boolean tokenFile, @ForAll boolean roleArn,
                                          @ForAll boolean webIdentity, @ForAll boolean inInitContainer) {
        LeanPod.Container c = new LeanPod.Container();
        c.env = new ArrayList<>();
        if (uri) {
            c.env.add(env(PodCredentialsMapper.POD_IDENTITY_URI, "http://169.254.170.23/v1/credentials"));
        }
        if (tokenFile) {
            c.env.add(env(PodCredentialsMapper.POD_IDENTITY_TOKEN_FILE, "/t"));
        }
        if (roleArn) {
            c.env.add(env(PodCredentialsMapper.IRSA_ROLE_ARN, "arn:aws:iam::1:role/r"));
        }
        if (webIdentity) {
            c.env.add(env(PodCredentialsMapper.IRSA_TOKEN_FILE, "/w"));
        }
        LeanPod.Spec spec = new LeanPod.Spec();
        LeanPod.Container plain = new LeanPod.Container();
        if (inInitContainer) {
            spec.initContainers = List.of(c);
            spec.containers = List.of(plain);
        } else {
            spec.containers = List.of(plain, c);
        }
        PodCredentials creds = PodCredentialsMapper.fromSpec(spec);
        assertThat(creds.podIdentity()).isEqualTo(uri && tokenFile);
        assertThat(creds.irsa()).isEqualTo(roleArn && webIdentity);
        assertThat(creds.irsaRoleArn()).isEqualTo(roleArn && webIdentity ? "arn:aws:iam::1:role/r" : null);
    }

    private static LeanPod.EnvVar env(String name, String value) {
        LeanPod.EnvVar e = new LeanPod.EnvVar();
        e.name = name;
        e.value = value;
        return e;
    }
}
