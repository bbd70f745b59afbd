package org.example.genmat.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.example.genmat.core.crystal.Lattice;
import org.junit.jupiter.api.Test;

class SpaceGroupsTest {

    private static final Lattice CUBIC = Lattice.cubic(5);
    private static final Lattice HEX = Lattice.fromParameters(3, 3, 10, 90, 90, 120);
    private static final Lattice RHOMB = Lattice.fromParameters(5, 5, 5, 60, 60, 60);

    @Test
    void all230NumbersGiveClosedGroups() {
        for (int n = 1; n <= 230; n++) {
            List<List<SymmetryOperation>> c = SpaceGroups.fromNumber(n, null, n >= 143 && n <= 194 ? HEX : CUBIC);
            assertThat(c).as("group %d", n).isNotEmpty();
            for (List<SymmetryOperation> ops : c) {
                assertClosed(ops, "group " + n);
            }
        }
    }

    @Test
    void symbolVariantsResolveToTheSameGroup() {
        List<SymmetryOperation> p63mmc = only(SpaceGroups.fromHermannMauguin("P 63/m m c", null, HEX));
        assertThat(p63mmc).hasSize(24);
        assertSameGroup(only(SpaceGroups.fromHermannMauguin("P6_3/mmc", null, HEX)), p63mmc);
        assertSameGroup(only(SpaceGroups.fromNumber(194, null, HEX)), p63mmc);
        assertSameGroup(SpaceGroups.fromHall("-P 6c 2c").orElseThrow(), p63mmc);
        assertSameGroup(only(SpaceGroups.fromHermannMauguin("P 21/n 21/m 21/a", null, CUBIC)),
            only(SpaceGroups.fromHermannMauguin("Pnma", null, CUBIC)));
        assertSameGroup(only(SpaceGroups.fromHermannMauguin("F 4/m -3 2/m", null, CUBIC)),
            SpaceGroups.fromHall("-F 4 2 3").orElseThrow());
        assertSameGroup(only(SpaceGroups.fromHermannMauguin("P 1 21/c 1", null, CUBIC)),
            only(SpaceGroups.fromHermannMauguin("P21/c", null, CUBIC)));
        assertSameGroup(only(SpaceGroups.fromHermannMauguin("P 1 21/n 1", null, CUBIC)),
            SpaceGroups.fromHall("-P 2yn").orElseThrow());
        assertThat(SpaceGroups.fromHermannMauguin("Q 42", null, CUBIC)).isEmpty();
        assertThat(SpaceGroups.fromHall("-Q 4")).isEmpty();
    }

    @Test
    void rhombohedralGroupsFollowTheCell() {
        assertThat(only(SpaceGroups.fromHermannMauguin("R -3 m", null, HEX))).hasSize(36); // hexagonal axes: 12 x 3
        assertThat(only(SpaceGroups.fromHermannMauguin("R -3 m", null, RHOMB))).hasSize(12);
        assertThat(only(SpaceGroups.fromHermannMauguin("R -3 m :R", null, HEX))).hasSize(12);
        assertThat(only(SpaceGroups.fromHermannMauguin("R -3 m :H", null, RHOMB))).hasSize(36);
    }

    @Test
    void originChoiceTwoIsOriginChoiceOneShifted() {
        // every Hall symbol of the project's origin-2 table must give BioJava's origin-1 group moved by one origin shift
        Map<Integer, Integer> checked = new java.util.TreeMap<>();
        for (int n : new int[] {48, 50, 59, 68, 70, 85, 86, 88, 125, 126, 129, 130, 133, 134, 137, 138, 141, 142, 201, 203,
            222, 224, 227, 228}) {
            List<List<SymmetryOperation>> both = SpaceGroups.fromNumber(n, null, CUBIC);
            assertThat(both).as("group %d has two origins", n).hasSize(2);
            List<SymmetryOperation> o2 = both.get(0), o1 = both.get(1);
            assertThat(o2).as("group %d", n).hasSameSizeAs(o1);
            assertThat(findShift(o1, o2)).as("origin shift of group %d", n).isNotNull();
            assertThat(SpaceGroups.fromNumber(n, "1", CUBIC)).containsExactly(o1);
            assertThat(SpaceGroups.fromNumber(n, "2", CUBIC)).containsExactly(o2);
            checked.put(n, o2.size());
        }
        assertThat(checked).hasSize(24);
    }

    @Test
    void hallSymbolsGenerateTheirGroups() {
        assertThat(SpaceGroups.fromHall("P 1").orElseThrow()).hasSize(1);
        assertThat(SpaceGroups.fromHall("-P 1").orElseThrow()).hasSize(2);
        assertThat(SpaceGroups.fromHall("-F 4 2 3").orElseThrow()).hasSize(192);
        assertThat(SpaceGroups.fromHall("-I 4 2 3").orElseThrow()).hasSize(96);
        assertThat(SpaceGroups.fromHall("P 61 2 (0 0 -1)").orElseThrow()).hasSize(12);
        assertThat(SpaceGroups.fromHall("-R 3 2\"").orElseThrow()).hasSize(36);
        assertSameGroup(SpaceGroups.fromHall("-P 2ac 2n").orElseThrow(), only(SpaceGroups.fromNumber(62, null, CUBIC)));
        assertSameGroup(SpaceGroups.fromHall("-P 2ybc").orElseThrow(), only(SpaceGroups.fromNumber(14, null, CUBIC)));
        assertSameGroup(SpaceGroups.fromHall("-C 2yc").orElseThrow(), only(SpaceGroups.fromNumber(15, null, CUBIC)));
        assertSameGroup(SpaceGroups.fromHall("P 4nw 2abw").orElseThrow(), only(SpaceGroups.fromNumber(96, null, CUBIC)));
        assertSameGroup(SpaceGroups.fromHall("-F 4 2 3").orElseThrow(), only(SpaceGroups.fromNumber(225, null, CUBIC)));
        assertSameGroup(SpaceGroups.fromHall("F 4d 2 3 -1d").orElseThrow(), SpaceGroups.fromNumber(227, "1", CUBIC).get(0));
    }

    private static List<SymmetryOperation> only(List<List<SymmetryOperation>> c) {
        assertThat(c).hasSize(1);
        return c.get(0);
    }

    private static void assertClosed(List<SymmetryOperation> ops, String what) {
        for (SymmetryOperation a : ops) {
            for (SymmetryOperation b : ops) {
                SymmetryOperation p = a.compose(b);
                assertThat(ops.stream().anyMatch(q -> q.sameModuloLattice(p))).as("%s closed under %s * %s", what, a, b).isTrue();
            }
        }
    }

    private static void assertSameGroup(List<SymmetryOperation> a, List<SymmetryOperation> b) {
        assertThat(a).hasSameSizeAs(b);
        for (SymmetryOperation op : a) {
            assertThat(b.stream().anyMatch(q -> q.sameModuloLattice(op))).as("%s in %s", op, b).isTrue();
        }
    }

    /** A shift p (multiples of 1/8) with {(R, t + (I - R) p)} of o1 equal to o2; null if none. */
    private static double[] findShift(List<SymmetryOperation> o1, List<SymmetryOperation> o2) {
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                for (int k = 0; k < 8; k++) {
                    double[] p = {i / 8.0, j / 8.0, k / 8.0};
                    boolean all = true;
                    for (SymmetryOperation op : o1) {
                        int[] r = op.rotation();
                        double[] t = op.translation();
                        for (int x = 0; x < 3; x++) {
                            t[x] += p[x] - (r[3 * x] * p[0] + r[3 * x + 1] * p[1] + r[3 * x + 2] * p[2]);
                        }
                        SymmetryOperation moved = new SymmetryOperation(r, t);
                        if (o2.stream().noneMatch(q -> q.sameModuloLattice(moved))) {
                            all = false;
                            break;
                        }
                    }
                    if (all) {
                        return p;
                    }
                }
            }
        }
        return null;
    }
}
