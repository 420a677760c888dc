package io.eksid;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package arrows of DESIGN §3: ui → engine → kube, aws → model; sandbox reached only over HTTP. */
@AnalyzeClasses(packages = "io.eksid", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The named classes and the classes nested in them (lambdas and anonymous classes included). */
    static DescribedPredicate<JavaClass> oneOf(String... names) {
        return DescribedPredicate.describe("one of " + String.join(", ", names), c -> {
            for (String n : names) {
                if (c.getName().equals(n) || c.getName().startsWith(n + "$")) {
                    return true;
                }
            }
            return false;
        });
    }

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("model").definedBy("io.eksid.model..")
            .layer("kube").definedBy("io.eksid.kube..")
            .layer("aws").definedBy("io.eksid.aws..")
            .layer("engine").definedBy("io.eksid.engine..")
            .layer("sandbox").definedBy("io.eksid.sandbox..")
            .layer("cli").definedBy("io.eksid.cli..")
            .layer("ui").definedBy("io.eksid.ui..")
            .layer("launcher").definedBy("io.eksid")
            .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
            .whereLayer("ui").mayOnlyBeAccessedByLayers("launcher")
            .whereLayer("cli").mayOnlyBeAccessedByLayers("launcher")
            .whereLayer("sandbox").mayOnlyBeAccessedByLayers("cli", "ui", "launcher")
            .whereLayer("engine").mayOnlyBeAccessedByLayers("cli", "ui")
            .whereLayer("kube").mayOnlyBeAccessedByLayers("engine", "cli")
            .whereLayer("aws").mayOnlyBeAccessedByLayers("engine", "cli")
            .whereLayer("model").mayOnlyBeAccessedByLayers("kube", "aws", "engine", "cli", "ui")
            .because("docs/architecture.md: model ← kube, aws ← engine ← cli, ui; the window reaches Kubernetes "
                    + "and AWS only through the engine; the sandbox shares nothing and is started by front ends");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.eksid.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheCommandLinePrints = noClasses()
            .that().resideOutsideOfPackage("io.eksid.cli..")
            .and().resideOutsideOfPackage("io.eksid.ui.bench..")
            .and(not(oneOf("io.eksid.Launcher")))
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("output goes through the commands' writers and logging goes to the log; the launcher is the "
                    + "main; ui.bench speaks the startup benchmark's protocol on stdout (BareWindowApp, the "
                    + "window's StartupMarkers)");

    @ArchTest
    static final ArchRule onlyTheTaskRunnerReachesTheFxThread = noClasses()
            .that().resideOutsideOfPackage("io.eksid.ui.bench..")
            .and(not(oneOf("io.eksid.ui.FxTaskRunner")))
            .should().dependOnClassesThat().haveFullyQualifiedName("javafx.application.Platform")
            .because("work reaches the FX thread through the one task runner, coalesced, never one runLater per "
                    + "event; ui.bench drives the toolkit itself (Platform.startup outside an Application, frames "
                    + "timed on the FX thread), which is what it measures");

    @ArchTest
    static final ArchRule modelIsPure = noClasses().that().resideInAPackage("io.eksid.model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "io.fabric8..", "software.amazon..", "java.net..", "java.nio.file..",
                    "java.io.File", "picocli..", "org.slf4j..",
                    "io.eksid.kube..", "io.eksid.aws..", "io.eksid.engine..", "io.eksid.sandbox..",
                    "io.eksid.cli..", "io.eksid.ui..")
            .because("model is pure domain logic: no I/O, no toolkit, no SDK");

    @ArchTest
    static final ArchRule onlyLauncherUsesUi = noClasses().that().resideOutsideOfPackage("io.eksid.ui..")
            .and().doNotHaveFullyQualifiedName("io.eksid.Launcher")
            .should().dependOnClassesThat().resideInAPackage("io.eksid.ui..")
            .because("nothing but the launcher may reach into the UI");

    @ArchTest
    static final ArchRule onlyUiUsesJavaFx = noClasses().that().resideOutsideOfPackage("io.eksid.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("JavaFX belongs to the ui package alone");

    @ArchTest
    static final ArchRule kubeDoesNotKnowAws = noClasses().that().resideInAPackage("io.eksid.kube..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "io.eksid.aws..",
                    "io.eksid.engine..", "io.eksid.cli..", "io.eksid.sandbox..");

    @ArchTest
    static final ArchRule awsDoesNotKnowKube = noClasses().that().resideInAPackage("io.eksid.aws..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.eksid.kube..",
                    "io.eksid.engine..", "io.eksid.cli..", "io.eksid.sandbox..");

    @ArchTest
    static final ArchRule engineDoesNotKnowFrontEnds = noClasses().that().resideInAPackage("io.eksid.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.eksid.cli..", "io.eksid.sandbox..");

    @ArchTest
    static final ArchRule onlyFrontEndsStartTheSandbox = noClasses().that()
            .resideOutsideOfPackages("io.eksid.sandbox..", "io.eksid.cli..", "io.eksid.ui..")
            .and().doNotHaveFullyQualifiedName("io.eksid.Launcher")
            .should().dependOnClassesThat().resideInAPackage("io.eksid.sandbox..")
            .because("the sandbox is reached over HTTP; only the launcher, cli and ui may start one");

    @ArchTest
    static final ArchRule sandboxIsIndependent = noClasses().that().resideInAPackage("io.eksid.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("io.eksid.model..", "io.eksid.kube..",
                    "io.eksid.aws..", "io.eksid.engine..", "io.eksid.cli..", "io.eksid.ui..")
            .because("the sandbox is an independent counterpart: a bug in our trust or wire logic "
                    + "must not hide behind its mirror image");
}
