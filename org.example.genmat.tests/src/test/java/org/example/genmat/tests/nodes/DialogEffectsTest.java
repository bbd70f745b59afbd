package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.example.genmat.core.job.sample.SampleMode;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.ParametersPersistence;
import org.example.genmat.nodes.metrics.DiversityMetricsNodeFactory;
import org.example.genmat.nodes.sample.SampleLatentNodeFactory;
import org.example.genmat.nodes.train.TrainVaeGanNodeFactory;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.example.genmat.nodes.train.TrainWganGpNodeFactory;
import org.example.genmat.nodes.validity.FilterValidityNodeFactory;
import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.DefaultNodeFactory;

/** The dialogs show only the fields that apply (KNIME's {@code @Effect}s, evaluated as the dialog does). */
class DialogEffectsTest {

    private static boolean shown(final NodeRunner node, final String field) {
        return node.dialogState(field, new PortObjectSpec[node.info().inPorts().size()]).visible();
    }

    private static void set(final NodeRunner node, final String group, final String key, final Object value)
        throws Exception {
        final NodeSettings s = node.saveSettings();
        final NodeSettings g = group == null ? s : s.getNodeSettings(group);
        if (value instanceof Boolean b) {
            g.addBoolean(key, b);
        } else {
            g.addString(key, value.toString());
        }
        node.loadSettings(s);
    }

    @Test
    void everyEffectOfEveryNodeResolvesItsReferences() throws Exception {
        int widgets = 0;
        for (Class<? extends DefaultNodeFactory> factory : PluginDescriptionTest.factories()) {
            final NodeRunner node = NodeRunner.of(factory);
            for (Field f : ParametersPersistence.widgets(node.parameters().getClass())) {
                shown(node, f.getName()); // throws on a missing or doubled ValueReference
                widgets++;
            }
        }
        assertThat(widgets).isGreaterThan(50);
    }

    @Test
    void filterValidityShowsTheFileOnlyForTheFileTableAndRuleOptionsOnlyForEnabledRules() throws Exception {
        final NodeRunner node = NodeRunner.of(FilterValidityNodeFactory.class);
        assertThat(shown(node, "m_oxidationFile")).isFalse();
        assertThat(shown(node, "m_oxidationTable")).isTrue();
        final NodeSettings file = node.saveSettings();
        file.addString("oxidationTable", "FILE");
        NodeTestSupport.fileSelection(file, "oxidationFile", new org.knime.filehandling.core.connections.FSLocation(
            org.knime.filehandling.core.connections.FSCategory.LOCAL, "/tables/states.txt"));
        node.loadSettings(file);
        assertThat(shown(node, "m_oxidationFile")).isTrue();
        set(node, null, "checkComposition", false);
        assertThat(shown(node, "m_oxidationFile")).isFalse();
        assertThat(shown(node, "m_mixedValence")).isFalse();
        assertThat(shown(node, "m_alloyRule")).isFalse();
        assertThat(shown(node, "m_minDistance")).isTrue();
        set(node, null, "checkComposition", true);
        set(node, null, "checkStructure", false);
        assertThat(shown(node, "m_minDistance")).isFalse();
        assertThat(shown(node, "m_minVolume")).isFalse();
        assertThat(shown(node, "m_rejectDisorder")).isFalse();
        // the site columns only with a prototype
        assertThat(shown(node, "m_siteColumns")).isFalse();
        set(node, null, "prototype", "ELPASOLITE");
        assertThat(shown(node, "m_siteColumns")).isTrue();
    }

    @Test
    void diversityMetricsShowsCustomCutoffsAndTheTargetClassOnlyWhenTheyApply() throws Exception {
        final NodeRunner node = NodeRunner.of(DiversityMetricsNodeFactory.class);
        assertThat(shown(node, "m_structureCutoff")).isFalse();
        assertThat(shown(node, "m_targetClass")).isFalse();
        set(node, null, "preset", "CUSTOM");
        assertThat(shown(node, "m_structureCutoff")).isTrue();
        assertThat(shown(node, "m_compositionCutoff")).isTrue();
        final NodeSettings s = node.saveSettings();
        s.addString("classColumn", "polymorphs");
        s.addInt("targetClass", 2);
        node.loadSettings(s);
        assertThat(shown(node, "m_targetClass")).isTrue();
        assertThat(shown(node, "m_cacheDir")).isFalse();
        final NodeSettings study = node.saveSettings();
        study.addBoolean("study", true);
        study.addInt("targetClass", 1);
        NodeTestSupport.group(study, "validity").addString("prototype", "ELPASOLITE");
        node.loadSettings(study);
        assertThat(shown(node, "m_cacheDir")).isTrue();
    }

    @Test
    void sampleLatentShowsPriorSettingsForPriorSamplingAndPointsForInterpolation() throws Exception {
        final NodeRunner node = NodeRunner.of(SampleLatentNodeFactory.class);
        assertThat(shown(node, "m_samples")).isTrue();
        assertThat(shown(node, "m_temperature")).isTrue();
        assertThat(shown(node, "m_interpolationSteps")).isFalse();
        set(node, null, "mode", "INTERPOLATE");
        assertThat(shown(node, "m_samples")).isFalse();
        assertThat(shown(node, "m_seed")).isFalse();
        assertThat(shown(node, "m_interpolationSteps")).isTrue();
        assertThat(shown(node, "m_condition")).isTrue();
    }

    /**
     * Each Sample Latent field shows in exactly the modes its engine setting acts in, {@link SampleMode#modesOf} (the
     * definition by which genmat sample refuses an option given in another mode), and every mode-bound setting the node
     * gives has its field. The field of a setting is m_ + its name; the saved keys stay as they are (old workflows load).
     */
    @Test
    void sampleLatentShowsEachSettingInTheModesItActsIn() throws Exception {
        final NodeRunner node = NodeRunner.of(SampleLatentNodeFactory.class);
        // the one field whose saved key is not the engine's name of its setting
        final Map<String, String> settingOfField = Map.of("m_interpolationSteps", "steps");
        final List<String> fields = ParametersPersistence.widgets(node.parameters().getClass()).stream()
            .map(Field::getName).toList();
        final Set<String> settings = new TreeSet<>();
        for (SampleMode mode : SampleMode.values()) {
            set(node, null, "mode", mode.name());
            for (String field : fields) {
                final String setting = settingOfField.getOrDefault(field, field.substring("m_".length()));
                settings.add(setting);
                assertThat(shown(node, field)).as("%s in %s mode", field, mode.label())
                    .isEqualTo(SampleMode.modesOf(setting).contains(mode));
            }
        }
        // input is the node's input table, not a field
        assertThat(settings).containsAll(SampleMode.modeBoundSettings().stream().filter(m -> !m.equals("input")).toList());
    }

    @Test
    void trainingShowsConditionSettingsForConditionalModelsAndTheCriticOnlyForAdversarialFamilies()
        throws Exception {
        final NodeRunner vae = NodeRunner.of(TrainVaeNodeFactory.class);
        assertThat(shown(vae, "m_conditionColumn")).isFalse();
        assertThat(shown(vae, "m_classBalanced")).isFalse();
        final NodeSettings s = vae.saveSettings();
        s.getNodeSettings("data").addString("conditionMode", "PROPERTY");
        s.getNodeSettings("data").addString("conditionColumn", "band_gap");
        vae.loadSettings(s);
        assertThat(shown(vae, "m_conditionColumn")).isTrue();
        assertThat(shown(vae, "m_classBalanced")).isFalse();
        s.getNodeSettings("data").addString("conditionMode", "CLASS");
        vae.loadSettings(s);
        assertThat(shown(vae, "m_classBalanced")).isTrue();
        // each featurizer option shows for the representations it applies to
        final List<String> options = List.of("m_maxSites", "m_maxAtoms", "m_oneHotSites", "m_swapAugment");
        final java.util.Map<String, List<String>> shownFor = java.util.Map.of("COMPOSITION", List.of("m_maxAtoms"),
            "STRUCTURE", List.of("m_maxSites"), "PEROVSKITE", List.of("m_oneHotSites"), "ELPASOLITE",
            List.of("m_oneHotSites", "m_swapAugment"));
        for (var e : shownFor.entrySet()) {
            set(vae, "data", "representation", e.getKey());
            for (String option : options) {
                assertThat(shown(vae, option)).as(e.getKey() + " " + option).isEqualTo(e.getValue().contains(option));
            }
        }
        // critic settings are part of WGAN-GP and VAE-GAN only, the KL term of VAE and VAE-GAN only
        assertThat(ParametersPersistence.widgets(vae.parameters().getClass())).extracting(Field::getName)
            .doesNotContain("m_nCritic", "m_gpLambda").contains("m_beta");
        assertThat(ParametersPersistence.widgets(NodeRunner.of(TrainWganGpNodeFactory.class).parameters().getClass()))
            .extracting(Field::getName).contains("m_nCritic", "m_gpLambda").doesNotContain("m_beta");
        assertThat(ParametersPersistence.widgets(NodeRunner.of(TrainVaeGanNodeFactory.class).parameters().getClass()))
            .extracting(Field::getName).contains("m_nCritic", "m_beta");
    }
}
