package dev.pippa.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule, run on a fixture package of deliberately broken classes laid out like the real modules,
 * reports the class that breaks it: proof the rules would catch the same mistake in production code.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURE = "dev.pippa.bootstrap.architecture.fixture";
    private static final ArchitectureRules RULES = new ArchitectureRules(FIXTURE);
    private static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void givenADomainClassUsingALibrary_whenChecked_thenTheDomainRuleReportsIt() {
        assertViolation(ArchitectureRules::domainDependsOnlyOnTheJdk, "DomainUsingALibrary");
    }

    @Test
    void givenAPortDeclaredInTheDomain_whenChecked_thenThePortsRuleReportsIt() {
        assertViolation(ArchitectureRules::portsLiveInTheApplication, "DomainDeclaringAPort");
    }

    @Test
    void givenADatabaseCoreThatReachesIntoAStore_whenChecked_thenTheCoreRuleReportsIt() {
        assertViolation(ArchitectureRules::databaseCoresKnowNoStores, "FixtureDatabase");
    }

    @Test
    void givenAnApplicationClassUsingAnAdapter_whenChecked_thenTheApplicationRuleReportsIt() {
        assertViolation(ArchitectureRules::applicationDependsOnlyOnTheDomain, "ApplicationUsingAdapter");
    }

    @Test
    void givenAnHttpAdapterCallingTheSqliteAdapter_whenChecked_thenTheAdapterRuleReportsIt() {
        assertViolation(ArchitectureRules::adaptersDoNotDependOnEachOther, "HttpUsingSqliteAdapter");
    }

    @Test
    void givenThePostgresAdapterCallingTheSqliteAdapter_whenChecked_thenTheAdapterRuleReportsIt() {
        assertViolation(ArchitectureRules::adaptersDoNotDependOnEachOther, "PostgresUsingSqliteAdapter");
    }

    @Test
    void givenJooqOutsideThePersistenceAdapters_whenChecked_thenThePersistenceRuleReportsIt() {
        assertViolation(ArchitectureRules::persistenceOnlyInThePersistenceAdapters, "HttpUsingJooq");
    }

    @Test
    void givenAJwtLibraryInTheHttpAdapter_whenChecked_thenTheSecurityRuleReportsIt() {
        assertViolation(ArchitectureRules::securityLibrariesOnlyInTheSecurityAdapter, "HttpUsingJwtLibrary");
    }

    @Test
    void givenHelidonInTheSqliteAdapter_whenChecked_thenTheHelidonRuleReportsIt() {
        assertViolation(ArchitectureRules::helidonOnlyInHttpAdapterAndBootstrap, "SqliteUsingHelidon");
    }

    @Test
    void givenOnnxRuntimeInTheApplication_whenChecked_thenTheEmbeddingRuleReportsIt() {
        assertViolation(ArchitectureRules::embeddingLibrariesOnlyInTheEmbeddingsAdapter, "ApplicationUsingOnnx");
    }

    @Test
    void givenPdfBoxInTheHttpAdapter_whenChecked_thenTheDocumentRuleReportsIt() {
        assertViolation(ArchitectureRules::documentLibrariesOnlyInTheDocumentsAdapter, "HttpUsingPdfBox");
    }

    private static void assertViolation(Function<ArchitectureRules, ArchRule> rule, String offender) {
        assertThatThrownBy(() -> rule.apply(RULES).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender);
    }

    @Test
    void givenTheFixture_whenImported_thenItHoldsEveryOffender() {
        assertThat(fixture.stream().map(c -> c.getSimpleName()))
                .contains("DomainUsingALibrary", "DomainDeclaringAPort", "FixtureDatabase", "ApplicationUsingAdapter", "HttpUsingSqliteAdapter", "HttpUsingJooq",
                        "HttpUsingJwtLibrary", "SqliteUsingHelidon", "PostgresUsingSqliteAdapter",
                        "ApplicationUsingOnnx", "HttpUsingPdfBox");
    }
}
