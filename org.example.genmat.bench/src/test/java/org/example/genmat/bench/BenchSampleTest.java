package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.PrototypeSites;
import org.example.genmat.core.metrics.LongHashSet;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.TestModels;
import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.junit.jupiter.api.Test;

/** Functional check of the benchmark's fast path (no timing): it counts what the candidate stream holds. */
class BenchSampleTest {

    @Test
    void fastKeysAgreeWithTheDecodedCandidateStream() throws Exception {
        GenerativeModel m = TestModels.classConditionedVae();
        PrototypeSites f = (PrototypeSites) m.featurizer();
        long n = 3 * Sampler.BATCH + 100;
        BenchSampleCommand.Result r = BenchSampleCommand.measure(m, f, n, Sampler.BATCH, 1, 0, null, 5);
        // two decode workers on one single-threaded runner, the set-up of the once-seen crash:
        // same counts, whatever order the batches come back in
        BenchSampleCommand.Result two = BenchSampleCommand.measure(m, f, n, Sampler.BATCH, 2, 1, null, 5);
        LongHashSet validKeys = new LongHashSet();
        long clean = 0;
        try (Stream<Candidate> s = Sampler.sample(m, n, null, 1.0, 5, 0, 1)) {
            Iterator<Candidate> it = s.iterator();
            while (it.hasNext()) {
                Candidate c = it.next();
                if (c.clean()) {
                    clean++;
                    float[] v = f.encodeSites(c.sites().values().stream()
                        .map(org.example.genmat.core.crystal.Element::of).toArray(org.example.genmat.core.crystal.Element[]::new));
                    validKeys.add(f.decodeKey(v));
                }
            }
        }
        assertThat(r.samples()).isEqualTo(n);
        assertThat(r.valid()).isEqualTo(clean);
        assertThat(r.uniqueValid()).isEqualTo(validKeys.size());
        assertThat(r.uniqueValid()).isPositive();
        assertThat(two.workers()).isEqualTo(2);
        assertThat(two.samples()).isEqualTo(n);
        assertThat(two.valid()).isEqualTo(clean);
        assertThat(two.uniqueKeys()).isEqualTo(r.uniqueKeys());
        assertThat(two.uniqueValid()).isEqualTo(validKeys.size());
    }
}
