package org.example.genmat.core.featurize;

import java.util.List;

import com.google.gson.JsonObject;

import org.example.genmat.core.io.CrystalRecord;

/**
 * Turns one crystal or composition into a fixed-length float vector for the models and decodes a
 * model output back into a {@link Candidate}. Implementations are immutable; their vocabulary and
 * scaling are fixed when they are built (fitted to the training data) and round-trip through
 * {@link #toJson()} and {@link Featurizers#fromJson(JsonObject)}.
 */
public interface Featurizer {

    /** Short name of the representation, e.g. {@code elpasolite}, {@code composition}, {@code structure}. */
    String name();

    /** How the vector is cut into parts (activation and loss per part). */
    FeatureLayout layout();

    /** The vector of one record; throws {@link IllegalArgumentException} with a clear reason when it does not fit. */
    float[] encode(CrystalRecord record);

    /**
     * The training vectors of one record: {@link #encode} plus equivalent variants when the
     * representation is augmented (e.g. the A↔B swap of elpasolites).
     */
    default List<float[]> encodeAugmented(CrystalRecord record) {
        return List.of(encode(record));
    }

    /** The candidate a (model output) vector stands for; never throws for finite input. */
    Candidate decode(float[] vector);

    /** True when decoded candidates carry a crystal structure. */
    default boolean hasStructure() {
        return false;
    }

    /** Vocabulary, scaling and options, enough for {@link Featurizers#fromJson} to rebuild an equal featurizer. */
    JsonObject toJson();
}
