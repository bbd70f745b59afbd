package org.example.genmat.core.job.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.job.SettingException;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;

/**
 * The settings of a training run, checked here once for both faces ({@code genmat train}, Train VAE / WGAN-GP /
 * VAE-GAN). The network hyperparameters ({@link TrainingSettings}: layers, latent size, KL weight, critic, steps,
 * seed ...) check their own ranges when built.
 *
 * @param family          VAE, WGAN-GP or VAE-GAN
 * @param representation  one of {@link Featurizers#REPRESENTATIONS}
 * @param featurizer      featurizer options (site slots, formula size, site code, swap augmentation)
 * @param classColumn     condition on this class column; null: none
 * @param propertyColumn  condition on this numeric column; null: none (at most one of the two)
 * @param network         the network and optimiser hyperparameters
 * @param provenance      the settings as the user gave them, stored in the model file
 */
public record TrainSettings(ModelFamily family, String representation, Featurizers.Options featurizer,
                            String classColumn, String propertyColumn, TrainingSettings network,
                            Map<String, String> provenance) {

    public TrainSettings {
        if (family == null) {
            throw new SettingException("family", "choose a model family: vae, wgan-gp or vae-gan");
        }
        if (representation == null || !Featurizers.REPRESENTATIONS.contains(representation)) {
            throw new SettingException("representation", "the representation must be one of "
                + String.join(", ", Featurizers.REPRESENTATIONS) + ", was '" + representation + "'");
        }
        classColumn = classColumn == null || classColumn.isBlank() ? null : classColumn;
        propertyColumn = propertyColumn == null || propertyColumn.isBlank() ? null : propertyColumn;
        if (classColumn != null && propertyColumn != null) {
            throw new SettingException("classColumn", "give either a class column or a property column, not both");
        }
        if (network == null) {
            throw new SettingException("network", "the network hyperparameters are missing");
        }
        if (network.classBalanced() && classColumn == null) {
            throw new SettingException("classBalanced", "class-balanced batches need a class column");
        }
        featurizer = featurizer == null ? Featurizers.Options.defaults() : featurizer;
        provenance = provenance == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(provenance)); // order kept for the model file
    }

    /** The condition column, class or property; null when unconditional. */
    public String conditionColumn() {
        return classColumn != null ? classColumn : propertyColumn;
    }

    /** The engine's request of these settings. */
    ModelTrainer.Request request() {
        return new ModelTrainer.Request(family, representation, featurizer, classColumn, propertyColumn, network,
            provenance);
    }
}
