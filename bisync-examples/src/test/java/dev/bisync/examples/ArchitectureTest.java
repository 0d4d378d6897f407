package dev.bisync.examples;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture's rules (docs/architecture.md), checked on the compiled classes of every module this one sees:
 * the API, the engine, both dialects, the command line and the testkit. It lives here because this module depends
 * on all of them.
 */
@AnalyzeClasses(packages = "dev.bisync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiDependsOnNoImplementation = classes().that()
            .resideInAnyPackage("dev.bisync.api..", "dev.bisync.spi..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.bisync.api..", "dev.bisync.spi..", "java..", "org.slf4j..")
            .because("bisync-api holds the model and the SPIs, and depends on slf4j-api at most");

    @ArchTest
    static final ArchRule mysqlDialectUsesTheApiOnly = classes().that().resideInAPackage("dev.bisync.mysql..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.bisync.mysql..", "dev.bisync.api..", "dev.bisync.spi..", "java..",
                    "org.slf4j..", "com.mysql.cj..", "org.mariadb.jdbc..")
            .because("a dialect module depends on bisync-api (and its drivers: MySQL's and MariaDB's Connector/J, "
                    + "whose own LOAD DATA LOCAL INFILE APIs the copy uses) only");

    @ArchTest
    static final ArchRule postgresDialectUsesTheApiOnly = classes().that().resideInAPackage("dev.bisync.postgres..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.bisync.postgres..", "dev.bisync.api..", "dev.bisync.spi..", "java..",
                    "org.slf4j..", "org.postgresql..")
            .because("a dialect module depends on bisync-api (and its driver) only");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.bisync.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreInternalsStayInCore = noClasses().that().resideOutsideOfPackage("dev.bisync.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.bisync.core.internal..")
            .because("other modules use the engine through its public façade");

    @ArchTest
    static final ArchRule dialectInternalsStayInTheirModule = noClasses().that()
            .resideOutsideOfPackages("dev.bisync.mysql..", "dev.bisync.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.bisync.mysql.internal..",
                    "dev.bisync.postgres.internal..")
            .because("the engine reaches a dialect through the SPI (dev.bisync.spi.dialect) only");

    @ArchTest
    static final ArchRule internalsDoNotUseTheFacade = noClasses().that().resideInAPackage("dev.bisync.core.internal..")
            .should().dependOnClassesThat().resideInAPackage("dev.bisync.core")
            .because("the façade delegates to the internal services, never the other way round");

    @ArchTest
    static final ArchRule coreHasNoCommandLine = noClasses().that().resideInAPackage("dev.bisync.core..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.bisync.cli..")
            .because("the command line is its own module, so a host application does not inherit picocli");
}
