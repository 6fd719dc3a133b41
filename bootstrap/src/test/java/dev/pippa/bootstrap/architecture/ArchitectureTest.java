package dev.pippa.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production classes of every module (bootstrap sees them all) obey the hexagon's rules. */
class ArchitectureTest {

    private static final ArchitectureRules RULES = new ArchitectureRules("dev.pippa");
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // test fixtures of other modules
                .importPackages("dev.pippa");
    }

    @Test
    void givenTheCodebase_whenImported_thenEveryModuleIsPresent() {
        // Guards the rules against passing vacuously on a class path that lost a module.
        for (String module : new String[]{"domain", "application", "adapter.in.http", "adapter.out.sqlite",
                "adapter.out.security", "adapter.out.openai", "adapter.out.embeddings", "adapter.out.documents",
                "bootstrap"}) {
            assertThat(production.containPackage("dev.pippa." + module)).as(module).isTrue();
        }
        assertThat(production.containPackage("dev.pippa.adapter.out.sqlite.jooq"))
                .as("generated jOOQ classes").isTrue();
    }

    @Test
    void domainDependsOnlyOnTheJdk() {
        check(RULES.domainDependsOnlyOnTheJdk());
    }

    @Test
    void applicationDependsOnlyOnTheDomain() {
        check(RULES.applicationDependsOnlyOnTheDomain());
    }

    @Test
    void portsLiveInTheApplication() {
        check(RULES.portsLiveInTheApplication());
    }

    @Test
    void databaseCoresKnowNoStores() {
        check(RULES.databaseCoresKnowNoStores());
    }

    @Test
    void securityLibrariesOnlyInTheSecurityAdapter() {
        check(RULES.securityLibrariesOnlyInTheSecurityAdapter());
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        check(RULES.adaptersDoNotDependOnEachOther());
    }

    @Test
    void persistenceOnlyInThePersistenceAdapters() {
        check(RULES.persistenceOnlyInThePersistenceAdapters());
    }

    @Test
    void embeddingLibrariesOnlyInTheEmbeddingsAdapter() {
        check(RULES.embeddingLibrariesOnlyInTheEmbeddingsAdapter());
    }

    @Test
    void documentLibrariesOnlyInTheDocumentsAdapter() {
        check(RULES.documentLibrariesOnlyInTheDocumentsAdapter());
    }

    @Test
    void helidonOnlyInHttpAdapterAndBootstrap() {
        check(RULES.helidonOnlyInHttpAdapterAndBootstrap());
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }
}
