package dev.bisync.core.it;

import dev.bisync.core.report.InitReport;
import dev.bisync.core.InitialSync;
import dev.bisync.testkit.DatabaseEndpoint;
import dev.bisync.testkit.EmbeddedStack;
import dev.bisync.testkit.EmbeddedStackExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.bisync.core.it.InitialSyncIT.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The type matrix ({@link TypeCases}, {@code docs/type-mapping.md}) through the initial copy instead of the lanes:
 * every value must arrive at the target as the lanes carry it — the exact ones unchanged, the lossy ones as the
 * document says (the zero dates apart: the copy refuses them where a nullable column's lanes write NULL) — so that a table copied by {@code bisync init} and then kept by the lanes holds what the lanes
 * would have written. Both directions, the MariaDB source written in session zone +01:00 and the PostgreSQL one in
 * Europe/Berlin, as {@link TypeMatrixIT} writes them.
 */
@ExtendWith(EmbeddedStackExtension.class)
class InitTypeMatrixIT {

    private static final String M2P = "init_tm_m2p";
    private static final String P2M = "init_tm_p2m";
    /**
     * Not the zero dates: the lanes write them as NULL into a nullable column (the binlog reader gives nothing else),
     * the copy reads them and refuses the row (type-mapping.md; {@link DirtyDataIT}).
     */
    private static final List<TypeCase> MARIA_TO_PG = TypeCases.mariaToPostgres().stream()
            .filter(c -> !c.name.startsWith("zero_")).toList();
    private static final List<TypeCase> PG_TO_MARIA = TypeCases.postgresToMaria();
    private static List<List<String>> m2pAtTarget;
    private static List<List<String>> p2mAtTarget;
    private static InitReport m2pReport;
    private static InitReport p2mReport;

    @BeforeAll
    static void copyTheMatrix(EmbeddedStack stack) throws Exception {
        DatabaseEndpoint maria = stack.mariadb();
        DatabaseEndpoint pg = stack.postgres();
        SyncFixture.execute(pg, "CREATE EXTENSION IF NOT EXISTS ltree", "CREATE EXTENSION IF NOT EXISTS hstore");
        TypeCases.createEnumTypes(pg);
        SyncFixture.execute(maria, TypeMatrixIT.ddl(M2P, MARIA_TO_PG, true), TypeMatrixIT.ddl(P2M, PG_TO_MARIA, false));
        SyncFixture.execute(pg, TypeMatrixIT.ddl(M2P, MARIA_TO_PG, false), TypeMatrixIT.ddl(P2M, PG_TO_MARIA, true));
        TypeMatrixIT.insertRows(maria, "SET time_zone = '+01:00'", M2P, MARIA_TO_PG);
        TypeMatrixIT.insertRows(pg, "SET TIME ZONE 'Europe/Berlin'", P2M, PG_TO_MARIA);

        m2pReport = InitialSync.builder(config(stack, "inittmm", List.of(M2P))).from("mariadb").run();
        p2mReport = InitialSync.builder(config(stack, "inittmp", List.of(P2M))).from("postgres").run();
        m2pAtTarget = TypeMatrixIT.render(pg, M2P, MARIA_TO_PG, false);
        p2mAtTarget = TypeMatrixIT.render(maria, P2M, PG_TO_MARIA, false);
    }

    @TestFactory
    Stream<DynamicTest> mariaDbToPostgres() {
        return direction("MariaDB -> PostgreSQL", MARIA_TO_PG, m2pAtTarget, m2pReport);
    }

    @TestFactory
    Stream<DynamicTest> postgresToMariaDb() {
        return direction("PostgreSQL -> MariaDB", PG_TO_MARIA, p2mAtTarget, p2mReport);
    }

    private static Stream<DynamicTest> direction(String label, List<TypeCase> cases, List<List<String>> atTarget,
            InitReport report) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(label + ": no row refused", () -> assertEquals(List.of(),
                report.rejected())));
        for (int c = 0; c < cases.size(); c++) {
            TypeCase tc = cases.get(c);
            int column = c;
            tests.add(DynamicTest.dynamicTest(label + " " + tc + ": the copy writes what the lane writes", () -> {
                List<String> expected = new ArrayList<>();
                for (int row = 0; row < TypeMatrixIT.rows(cases); row++) {
                    expected.add(row < tc.values.size() ? tc.values.get(row).expected() : "NULL");
                }
                TypeMatrixIT.assertTexts(tc, expected, TypeMatrixIT.column(atTarget, column));
            }));
        }
        return tests.stream();
    }
}
