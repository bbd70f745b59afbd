package org.example.genmat.core.job.train;

import java.util.List;

import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.train.HistoryRow;

/**
 * What a training run made.
 *
 * @param model    the trained model (its provenance counts used and skipped rows)
 * @param history  one row every history interval and after the last step ({@link TrainJob#HISTORY})
 * @param rowsUsed input rows the model was trained on
 * @param skipped  each skipped input row: "row N (source): reason"
 * @param warnings about the training set as a whole ({@link org.example.genmat.core.model.ModelTrainer.Prepared#warnings()})
 */
public record TrainResult(GenerativeModel model, List<HistoryRow> history, int rowsUsed, List<String> skipped,
                          List<String> warnings) {

    public TrainResult {
        history = List.copyOf(history);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }
}
