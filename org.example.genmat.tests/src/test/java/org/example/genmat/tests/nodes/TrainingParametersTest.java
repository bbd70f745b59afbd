package org.example.genmat.tests.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;

import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.knimestandin.NodeRunner;
import org.example.genmat.knimestandin.ParametersPersistence;
import org.example.genmat.nodes.train.TrainVaeGanNodeFactory;
import org.example.genmat.nodes.train.TrainVaeNodeFactory;
import org.example.genmat.nodes.train.TrainWganGpNodeFactory;
import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.Widget;

/**
 * The three training nodes declare their shared settings once, as nested parameter groups (KNIME's WidgetGroup
 * mechanism): saved settings hold one child config per group, each node keeps its family's defaults, and the dialogs
 * show the same shared widgets.
 */
class TrainingParametersTest {

    private static NodeSettings saved(final Class<? extends DefaultNodeFactory> factory) {
        return NodeRunner.of(factory).saveSettings();
    }

    @Test
    void savedSettingsHoldOneChildConfigPerGroup() throws Exception {
        final NodeSettings vae = saved(TrainVaeNodeFactory.class);
        assertThat(List.of("data", "featurization", "network", "kl"))
            .allSatisfy(k -> assertThat(vae.containsKey(k)).as(k).isTrue());
        assertThat(vae.containsKey("critic")).isFalse();
        final NodeSettings wgan = saved(TrainWganGpNodeFactory.class);
        assertThat(List.of("data", "network", "critic")).allSatisfy(k -> assertThat(wgan.containsKey(k)).as(k).isTrue());
        assertThat(wgan.containsKey("kl")).isFalse();
        final NodeSettings vaeGan = saved(TrainVaeGanNodeFactory.class);
        assertThat(List.of("data", "network", "kl", "critic", "adversarialWeightDecoded", "adversarialWeightPrior"))
            .allSatisfy(k -> assertThat(vaeGan.containsKey(k)).as(k).isTrue());
        assertThat(vae.getNodeSettings("network").getInt("steps")).isEqualTo(10_000);
        assertThat(vae.getNodeSettings("data").getString("conditionMode")).isEqualTo("NONE");
    }

    @Test
    void eachNodeKeepsItsFamilysDefaults() throws Exception {
        check(TrainVaeNodeFactory.class, ModelFamily.VAE);
        check(TrainWganGpNodeFactory.class, ModelFamily.WGAN_GP);
        check(TrainVaeGanNodeFactory.class, ModelFamily.VAE_GAN);
    }

    private static void check(final Class<? extends DefaultNodeFactory> factory, final ModelFamily family)
        throws Exception {
        final TrainingSettings d = TrainingSettings.defaults(family);
        final NodeSettings s = saved(factory);
        final NodeSettings n = s.getNodeSettings("network");
        assertThat(n.getString("hiddenLayers")).isEqualTo(String.join(", ",
            d.hiddenLayers().stream().map(String::valueOf).toList()));
        assertThat(n.getInt("latentSize")).isEqualTo(d.latentSize());
        assertThat(n.getBoolean("layerNorm")).isEqualTo(d.layerNorm());
        assertThat(n.getDouble("learningRate")).isEqualTo(d.learningRate());
        assertThat(n.getDouble("adamBeta1")).isEqualTo(d.adamBeta1());
        assertThat(n.getDouble("adamBeta2")).isEqualTo(d.adamBeta2());
        assertThat(n.getInt("batchSize")).isEqualTo(d.batchSize());
        assertThat(n.getInt("steps")).isEqualTo(d.steps());
        assertThat(n.getLong("seed")).isEqualTo(d.seed());
        assertThat(n.getString("device")).isEqualTo(d.device().name());
        assertThat(n.getInt("threads")).isEqualTo(d.threads());
        assertThat(n.getInt("historyEvery")).isEqualTo(d.historyEvery());
        final Featurizers.Options f = Featurizers.Options.defaults();
        final NodeSettings featurization = s.getNodeSettings("featurization");
        assertThat(featurization.getInt("maxSites")).isEqualTo(f.maxSites());
        assertThat(featurization.getInt("maxAtoms")).isEqualTo(f.maxAtoms());
        assertThat(featurization.getBoolean("oneHotSites")).isEqualTo(f.oneHotSites());
        assertThat(featurization.getBoolean("swapAugment")).isEqualTo(f.swapAugment());
        if (s.containsKey("kl")) {
            assertThat(s.getNodeSettings("kl").getDouble("beta")).isEqualTo(d.beta());
            assertThat(s.getNodeSettings("kl").getInt("betaWarmupSteps")).isEqualTo(d.betaWarmupSteps());
        }
        if (s.containsKey("critic")) {
            assertThat(s.getNodeSettings("critic").getInt("nCritic")).isEqualTo(d.nCritic());
            assertThat(s.getNodeSettings("critic").getDouble("gpLambda")).isEqualTo(d.gpLambda());
            assertThat(s.getNodeSettings("critic").getInt("criticPack")).isEqualTo(d.criticPack());
        }
    }

    @Test
    void dialogsShowTheSharedWidgetsInPlace() {
        final List<String> vae = titles(TrainVaeNodeFactory.class);
        final List<String> wgan = titles(TrainWganGpNodeFactory.class);
        final List<String> vaeGan = titles(TrainVaeGanNodeFactory.class);
        final List<String> shared = List.of("Representation", "Conditioning", "Condition column",
            "Class-balanced batches", "Max sites", "Max atoms", "One-hot site encoding", "A↔B swap augmentation",
            "Hidden layers", "Latent size", "Layer normalisation", "Learning rate", "Adam β1", "Adam β2", "Steps",
            "Batch size", "Random seed", "Device", "TensorFlow threads", "History interval");
        assertThat(vae).startsWith(shared.toArray(String[]::new)).endsWith("β (KL weight)", "β warm-up steps");
        assertThat(wgan).startsWith(shared.toArray(String[]::new)).endsWith("Critic layers",
            "Gradient-penalty weight λ", "Critic steps per generator step", "Critic pack (PacGAN)");
        assertThat(vaeGan).startsWith(shared.toArray(String[]::new)).containsSubsequence("β (KL weight)",
            "Critic layers", "Adversarial weight (reconstructions)", "Adversarial weight (prior samples)");
    }

    @Test
    void criticPackIsAnAdvancedSetting() {
        for (Class<? extends DefaultNodeFactory> f : List.of(TrainWganGpNodeFactory.class, TrainVaeGanNodeFactory.class)) {
            assertThat(ParametersPersistence.widgets(NodeRunner.of(f).info().parametersClass()))
                .filteredOn(field -> field.getName().equals("m_criticPack"))
                .singleElement().satisfies(field -> assertThat(field.isAnnotationPresent(Advanced.class)).isTrue());
        }
    }

    private static List<String> titles(final Class<? extends DefaultNodeFactory> factory) {
        return ParametersPersistence.widgets(NodeRunner.of(factory).info().parametersClass()).stream()
            .map((Field f) -> f.getAnnotation(Widget.class).title()).toList();
    }
}
