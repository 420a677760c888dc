package io.eksid;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package arrows of DESIGN §3: ui → engine → kube, aws → model; sandbox reached only over HTTP. */
@AnalyzeClasses(packages = "io.eksid", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
