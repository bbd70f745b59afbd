package org.example.genmat.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;

/**
 * The defaults {@code genmat train --help} shows for the hyperparameters, made from {@link TrainingSettings#preset}
 * so that the help never disagrees with what a run uses: a picocli resource bundle whose entries the option
 * descriptions name as {@code ${bundle:default.steps}}. A default the families share is one value, else one per
 * family ({@code VAE 500; WGAN-GP 100; VAE-GAN 500}); only the families the option applies to are named.
 */
public final class TrainDefaults extends ListResourceBundle {

    private static final Set<ModelFamily> ALL = EnumSet.allOf(ModelFamily.class);
    private static final Set<ModelFamily> ENCODING = EnumSet.of(ModelFamily.VAE, ModelFamily.VAE_GAN);
    private static final Set<ModelFamily> CRITIC = EnumSet.of(ModelFamily.WGAN_GP, ModelFamily.VAE_GAN);

    @Override
    protected Object[][] getContents() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", text(ALL, "default", TrainingSettings::steps));
        m.put("batch", text(ALL, "default", TrainingSettings::batchSize));
        m.put("latent", text(ALL, "default", TrainingSettings::latentSize));
        m.put("hidden", text(ALL, "default", s -> layers(s.hiddenLayers())));
        m.put("critic-hidden", text(CRITIC, "default", s -> layers(s.criticLayers())));
        m.put("beta", text(ENCODING, "default", TrainingSettings::beta));
        m.put("beta-warmup", text(ENCODING, "default", TrainingSettings::betaWarmupSteps));
        m.put("layer-norm", text(ALL, "default", s -> s.layerNorm() ? "on" : "off"));
        m.put("lr", withFast(TrainingSettings::learningRate));
        m.put("adam-beta1", withFast(TrainingSettings::adamBeta1));
        m.put("adam-beta2", withFast(TrainingSettings::adamBeta2));
        m.put("gp-lambda", text(CRITIC, "default", TrainingSettings::gpLambda));
        m.put("n-critic", text(CRITIC, "default", TrainingSettings::nCritic));
        m.put("adversarial-weight", text(EnumSet.of(ModelFamily.VAE_GAN), "default",
            TrainingSettings::adversarialWeightDecoded));
        List<Object[]> contents = new ArrayList<>();
        m.forEach((option, text) -> contents.add(new Object[] {"default." + option, text}));
        return contents.toArray(Object[][]::new);
    }

    /** The default preset's values, then the fast preset's (it changes the optimiser). */
    private static String withFast(Function<TrainingSettings, Object> value) {
        return text(ALL, "default", value) + "; --preset fast: " + text(ALL, "fast", value);
    }

    /** One value when the families agree, else {@code VAE 500; WGAN-GP 100; VAE-GAN 500}. */
    static String text(Set<ModelFamily> families, String preset, Function<TrainingSettings, Object> value) {
        Map<ModelFamily, String> byFamily = new LinkedHashMap<>();
        for (ModelFamily f : families) {
            byFamily.put(f, format(value.apply(TrainingSettings.preset(f, preset))));
        }
        if (byFamily.values().stream().distinct().count() == 1) {
            return byFamily.values().iterator().next();
        }
        return byFamily.entrySet().stream().map(e -> e.getKey().displayName() + " " + e.getValue())
            .collect(Collectors.joining("; ")); // not ", ": layer sizes hold commas
    }

    /** Numbers as the options take them: 0.00001, not 1.0E-5; 10, not 10.0. */
    private static String format(Object v) {
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    /** Layer sizes as --hidden takes them: 256,256. */
    private static String layers(List<Integer> sizes) {
        return sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
