package dev.pippa.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of the hexagon (DESIGN §2), built for a root package so the same rules check
 * the production code ({@code dev.pippa}) and, in the tests that prove they bite, a fixture of
 * deliberately broken classes laid out the same way.
 */
final class ArchitectureRules {

    static final String[] PERSISTENCE_LIBRARIES = {"org.jooq..", "java.sql..", "javax.sql..", "org.sqlite..",
            "org.flywaydb..", "org.postgresql..", "com.zaxxer.hikari.."};

    static final String[] SECURITY_LIBRARIES = {"com.nimbusds..", "com.password4j.."};

    static final String[] EMBEDDING_LIBRARIES = {"ai.onnxruntime..", "ai.djl..", "dev.langchain4j.."};

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    ArchRule domainDependsOnlyOnTheJdk() {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..")
                .as("the domain depends only on java.. (plain Java, reusable by any service)");
    }

    ArchRule applicationDependsOnlyOnTheDomain() {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.validation..",
                        "jdk.incubator.vector..", root + ".domain..", root + ".application..")
                .as("the application depends only on the domain (and Jakarta Validation, and the JDK's Vector API)");
    }

    ArchRule portsLiveInTheApplication() {
        // A sealed interface is a closed set of records (a sum type, like Event), which no adapter can implement.
        return noClasses().that().resideInAPackage(root + ".domain..")
                .and(DescribedPredicate.describe("are not sealed", javaClass -> !javaClass.reflect().isSealed()))
                .should().beInterfaces()
                .as("the domain declares no ports: every port lives in application.port.out (the domain is the model)");
    }

    ArchRule databaseCoresKnowNoStores() {
        return noClasses().that().resideInAPackage(root + ".adapter.out..").and().haveSimpleNameEndingWith("Database")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Search")
                .as("a database core (open, migrate, writer, pool) knows none of the stores built on it");
    }

    ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(root + ".adapter.(*).(*)..")
                .should().notDependOnEachOther()
                .as("adapters do not depend on each other");
    }

    ArchRule persistenceOnlyInThePersistenceAdapters() {
        return noClasses().that().resideOutsideOfPackages(root + ".adapter.out.sqlite..", root + ".adapter.out.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_LIBRARIES)
                .as("SQL, JDBC, jOOQ, the database drivers, HikariCP and Flyway appear only in the SQLite and"
                        + " PostgreSQL adapters");
    }

    ArchRule securityLibrariesOnlyInTheSecurityAdapter() {
        return noClasses().that().resideOutsideOfPackage(root + ".adapter.out.security..")
                .should().dependOnClassesThat().resideInAnyPackage(SECURITY_LIBRARIES)
                .as("password hashing and JWT libraries appear only in the security adapter");
    }

    ArchRule embeddingLibrariesOnlyInTheEmbeddingsAdapter() {
        return noClasses().that().resideOutsideOfPackage(root + ".adapter.out.embeddings..")
                .should().dependOnClassesThat().resideInAnyPackage(EMBEDDING_LIBRARIES)
                .as("ONNX Runtime, DJL and LangChain4j appear only in the embeddings adapter");
    }

    ArchRule documentLibrariesOnlyInTheDocumentsAdapter() {
        return noClasses().that().resideOutsideOfPackage(root + ".adapter.out.documents..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.pdfbox..")
                .as("PDFBox appears only in the documents adapter");
    }

    ArchRule helidonOnlyInHttpAdapterAndBootstrap() {
        return noClasses().that().resideOutsideOfPackages(root + ".adapter.in.http..", root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.helidon..")
                .as("Helidon appears only in the HTTP adapter and bootstrap");
    }

    List<ArchRule> all() {
        return List.of(domainDependsOnlyOnTheJdk(), applicationDependsOnlyOnTheDomain(), portsLiveInTheApplication(),
                databaseCoresKnowNoStores(),
                adaptersDoNotDependOnEachOther(), persistenceOnlyInThePersistenceAdapters(),
                securityLibrariesOnlyInTheSecurityAdapter(), embeddingLibrariesOnlyInTheEmbeddingsAdapter(),
                documentLibrariesOnlyInTheDocumentsAdapter(),
                helidonOnlyInHttpAdapterAndBootstrap());
    }
}
