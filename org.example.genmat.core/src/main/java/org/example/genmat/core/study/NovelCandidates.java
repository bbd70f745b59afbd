package org.example.genmat.core.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.example.genmat.core.metrics.CompositionKeySet;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.validity.OxidationStateTable;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityResult;

/**
 * The list a chemist wants next: the distinct novel compositions of the target class that the models
 * generated (not in the DFT training data), ranked by the surrogate's predicted formation energy
 * (most stable first), each with the models that proposed it and its validity verdict (prototype
 * rules + SMACT charge balance and electronegativity, {@link ValidityChecker#checkPrototype}).
 */
public final class NovelCandidates {

    /**
     * One candidate; A and B in the order the first proposing sample wrote them. {@code valid} and {@code verdict} are
     * the default check's (smact14 oxidation states, as the published validity figures); {@code validIcsd24} the same
     * check with the states seen in the ICSD (2024) more than five times, which leave out rare ones such as Be⁺ or Mg⁺
     * but hold some smact14 lacks (In³⁻, Sn²⁻, Sb⁴⁺): a second verdict, not a stricter one.
     */
    public record Candidate(int rank, String formula, String a, String b, String c, String d, double predictedEnergy,
                            int stabilityClass, List<String> proposedBy, long timesProposed, boolean valid, boolean validIcsd24,
                            String verdict) {
    }

    private NovelCandidates() {
    }

    /** Ranks the novel target-class compositions of the runs of models and scored tables (baselines are left out). */
    public static List<Candidate> rank(TurkStudy.Prepared p, List<TurkStudy.Run> runs) {
        StudyReference ref = p.reference();
        CompositionKeySet training = ref.training();
        Map<Long, int[]> first = new LinkedHashMap<>();
        Map<Long, Set<String>> by = new LinkedHashMap<>();
        Map<Long, Long> count = new LinkedHashMap<>();
        for (TurkStudy.Run r : runs) {
            if (r.baseline()) {
                continue;
            }
            int[] s = r.sites();
            for (int i = 0; i < s.length; i += 4) {
                if (ref.labels().classOf(s[i], s[i + 1], s[i + 2], s[i + 3]) != ref.targetClass()) {
                    continue;
                }
                long key = ElpasoliteSpace.key(s[i], s[i + 1], s[i + 2], s[i + 3]);
                if (training.contains(key)) {
                    continue;
                }
                first.putIfAbsent(key, new int[] {s[i], s[i + 1], s[i + 2], s[i + 3]});
                by.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(r.name());
                count.merge(key, 1L, Long::sum);
            }
        }
        ValidityChecker checker = ValidityChecker.defaults();
        ValidityChecker common = new ValidityChecker(ValidityChecker.Settings.defaults().withOxidationStates(OxidationStateTable.ICSD24));
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : first.entrySet()) {
            int[] x = e.getValue();
            String[] sym = {ElpasoliteDft.symbol(x[0]), ElpasoliteDft.symbol(x[1]), ElpasoliteDft.symbol(x[2]), ElpasoliteDft.symbol(x[3])};
            ValidityResult v = check(checker, sym);
            String verdict = v.valid() ? "valid (prototype sites; charge balance with " + OxidationStateTable.SMACT14 + " states; electronegativity)"
                : v.failedCheck() + ": " + v.reason();
            out.add(new Candidate(0, ElpasoliteDft.formula(x[0], x[1], x[2], x[3]), sym[0], sym[1], sym[2], sym[3],
                ref.labels().energy(x[0], x[1], x[2], x[3]), ref.labels().classOf(x[0], x[1], x[2], x[3]),
                List.copyOf(by.get(e.getKey())), count.get(e.getKey()), v.valid(), check(common, sym).valid(), verdict));
        }
        out.sort(Comparator.comparingDouble(Candidate::predictedEnergy).thenComparing(Candidate::formula));
        List<Candidate> ranked = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            Candidate c = out.get(i);
            ranked.add(new Candidate(i + 1, c.formula(), c.a(), c.b(), c.c(), c.d(), c.predictedEnergy(), c.stabilityClass(), c.proposedBy(),
                c.timesProposed(), c.valid(), c.validIcsd24(), c.verdict()));
        }
        return ranked;
    }

    private static ValidityResult check(ValidityChecker checker, String[] sites) {
        int[] x = new int[4];
        for (int k = 0; k < 4; k++) {
            x[k] = ElpasoliteDft.index(sites[k]);
        }
        return checker.checkPrototype(List.of("A", "B", "C", "D"), List.of(sites), ElpasoliteSpace.composition(x[0], x[1], x[2], x[3]));
    }
}
