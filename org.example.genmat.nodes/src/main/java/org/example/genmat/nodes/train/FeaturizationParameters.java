package org.example.genmat.nodes.train;

import java.util.Map;

import org.example.genmat.core.featurize.CompositionVector;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.featurize.PeriodicStructure;
import org.example.genmat.nodes.EngineRange;
import org.example.genmat.nodes.train.TrainingDataParameters.RepresentationRef;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.widget.number.NumberInputWidget;

/**
 * How the featurizer turns crystals into vectors, shared by the three training nodes (nested group
 * "featurization"); {@code genmat train}'s --max-sites, --max-atoms, --one-hot-sites and --no-swap. Defaults and
 * ranges are the engine's ({@link Featurizers.Options}); each option shows only for the representation it applies to.
 */
final class FeaturizationParameters implements NodeParameters {

    private static final Featurizers.Options DEFAULTS = Featurizers.Options.defaults();

    // the bounds of the number widgets: the engine's ranges
    static final class MaxSitesMin extends EngineRange.Min {
        MaxSitesMin() {
            super(Featurizers.Options.MAX_SITES);
        }
    }

    static final class MaxSitesMax extends EngineRange.Max {
        MaxSitesMax() {
            super(Featurizers.Options.MAX_SITES);
        }
    }

    static final class MaxAtomsMin extends EngineRange.Min {
        MaxAtomsMin() {
            super(Featurizers.Options.MAX_ATOMS);
        }
    }

    static final class MaxAtomsMax extends EngineRange.Max {
        MaxAtomsMax() {
            super(Featurizers.Options.MAX_ATOMS);
        }
    }

    static final class Structure implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(RepresentationRef.class).isOneOf(Representation.STRUCTURE);
        }
    }

    static final class Composition implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(RepresentationRef.class).isOneOf(Representation.COMPOSITION);
        }
    }

    static final class Prototype implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(RepresentationRef.class).isOneOf(Representation.ELPASOLITE, Representation.PEROVSKITE);
        }
    }

    static final class Elpasolite implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(RepresentationRef.class).isOneOf(Representation.ELPASOLITE);
        }
    }

    @Widget(title = "Max sites", description = "Periodic structure: the number of site slots of each crystal vector;"
        + " training crystals with more sites are skipped. 0 = as many as the largest training crystal of at most "
        + PeriodicStructure.MAX_SITES + " sites. Default: 0.")
    @NumberInputWidget(minValidation = MaxSitesMin.class, maxValidation = MaxSitesMax.class)
    @Advanced
    @Effect(predicate = Structure.class, type = EffectType.SHOW)
    int m_maxSites = DEFAULTS.maxSites();

    @Widget(title = "Max atoms", description = "Composition: the largest formula unit a decoded composition may"
        + " have (the decoder rounds fractions to whole atoms up to this total). Default: "
        + CompositionVector.DEFAULT_MAX_ATOMS + ".")
    @NumberInputWidget(minValidation = MaxAtomsMin.class, maxValidation = MaxAtomsMax.class)
    @Advanced
    @Effect(predicate = Composition.class, type = EffectType.SHOW)
    int m_maxAtoms = DEFAULTS.maxAtoms();

    @Widget(title = "One-hot site encoding", description = "Elpasolite and perovskite: each site as a one-hot over"
        + " the training elements instead of the element's scaled (period, group) code. Default: off.")
    @Advanced
    @Effect(predicate = Prototype.class, type = EffectType.SHOW)
    boolean m_oneHotSites = DEFAULTS.oneHotSites();

    @Widget(title = "A↔B swap augmentation", description = "Elpasolite: also train on every crystal with its A and"
        + " B sites swapped (A and B are symmetric sites, so the swapped crystal is the same). Default: on.")
    @Advanced
    @Effect(predicate = Elpasolite.class, type = EffectType.SHOW)
    boolean m_swapAugment = DEFAULTS.swapAugment();

    /** @return the engine's options (they check their ranges) */
    Featurizers.Options options() {
        return new Featurizers.Options(m_maxSites, m_maxAtoms, m_oneHotSites, m_swapAugment);
    }

    void describe(final Map<String, String> m) {
        m.put("maxSites", Integer.toString(m_maxSites));
        m.put("maxAtoms", Integer.toString(m_maxAtoms));
        m.put("oneHotSites", Boolean.toString(m_oneHotSites));
        m.put("swapAugment", Boolean.toString(m_swapAugment));
    }
}
