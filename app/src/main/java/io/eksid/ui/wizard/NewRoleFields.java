package io.eksid.ui.wizard;

import io.eksid.model.Arn;
import io.eksid.model.ClusterSnapshot;
import io.eksid.model.InvalidArnException;
import io.eksid.model.RoleArn;
import io.eksid.model.plan.PlanStep;
import io.eksid.model.plan.StepAction;
import io.eksid.model.trust.Effect;
import io.eksid.model.trust.Principal;
import io.eksid.model.trust.Statement;
import io.eksid.model.trust.StringValues;
import io.eksid.model.trust.TrustEvaluator;
import io.eksid.model.trust.TrustPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The new-association wizard's "create a new role" fields: name, path and managed policies, checked at the field,
 * and the engine step that creates the role with the Pod Identity trust.
 */
final class NewRoleFields {

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E&&[^/]]+(/[\\x21-\\x7E&&[^/]]+)*/");
    static final String POD_IDENTITY_TRUST = new TrustPolicy("2012-10-17", null, List.of(new Statement(
            "EksPodIdentity", Effect.ALLOW, Principal.of("Service", TrustEvaluator.POD_IDENTITY_SERVICE), false,
            StringValues.list(List.of("sts:AssumeRole", "sts:TagSession")), false, null)), true).toPrettyJson();

    private final ClusterSnapshot snapshot;
    final BooleanProperty enabled = new SimpleBooleanProperty(false);
    final StringProperty name = new SimpleStringProperty("");
    final StringProperty path = new SimpleStringProperty("/");
    final StringProperty policies = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper policiesError = new ReadOnlyStringWrapper();

    NewRoleFields(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    void validate() {
        if (!enabled.get()) {
            nameError.set(null);
            policiesError.set(null);
            return;
        }
        String n = name.get().strip();
        String p = path.get().strip().isEmpty() ? "/" : path.get().strip();
        if (n.isEmpty()) {
            nameError.set("Name the new role");
        } else if (!NAME.matcher(n).matches()) {
            nameError.set("A role name has 1 to 64 letters, digits or + = , . @ _ -");
        } else if (!PATH.matcher(p).matches() || p.length() > 512) {
            nameError.set("A path starts and ends with / (for example /teams/payments/)");
        } else if (snapshot.roles().values().stream().anyMatch(r -> r.name().equalsIgnoreCase(n))) {
            nameError.set("A role named " + n + " already exists in account " + snapshot.cluster().account()
                    + ": pick it in the list instead");
        } else {
            nameError.set(null);
        }
        policiesError.set(policyProblem());
    }

    private String policyProblem() {
        for (String arn : policyArns()) {
            try {
                Arn a = Arn.parse(arn);
                if (!a.service().equals("iam") || !a.resource().startsWith("policy/")) {
                    return arn + " is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or an account's)";
                }
            } catch (InvalidArnException e) {
                return e.getMessage();
            }
        }
        return policyArns().size() > 10 ? "IAM attaches at most 10 managed policies to a role" : null;
    }

    List<String> policyArns() {
        List<String> out = new ArrayList<>();
        for (String part : policies.get().split("[,\\s]+")) {
            if (!part.isBlank() && !out.contains(part.strip())) {
                out.add(part.strip());
            }
        }
        return out;
    }

    boolean valid() {
        return nameError.get() == null && policiesError.get() == null;
    }

    RoleArn arn() {
        String p = path.get().strip().isEmpty() ? "/" : path.get().strip();
        return RoleArn.of(snapshot.cluster().partition(), snapshot.cluster().account(), p, name.get().strip());
    }

    PlanStep step() {
        RoleArn arn = arn();
        return PlanStep.of("role:" + arn, "Create role " + arn.name() + " trusted by EKS Pod Identity", List.of(),
                List.of("no role named " + arn.name() + " exists, or it already trusts pods.eks.amazonaws.com"),
                List.of("role " + arn + " trusts pods.eks.amazonaws.com for sts:AssumeRole and sts:TagSession"),
                new StepAction.CreateRole(arn.toString(), arn.name(), arn.path(), arn.account(), POD_IDENTITY_TRUST,
                        policyArns(), Map.of("eksid/created-for", "pod-identity")));
    }

    ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    ReadOnlyStringProperty policiesErrorProperty() {
        return policiesError.getReadOnlyProperty();
    }
}
