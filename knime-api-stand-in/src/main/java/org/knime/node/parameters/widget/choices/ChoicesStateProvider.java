package org.knime.node.parameters.widget.choices;

import java.util.List;

import org.knime.node.parameters.updates.StateProvider;

/**
 * Stand-in: state provider of choices.
 *
 * @param <S> the choice type
 */
public sealed interface ChoicesStateProvider<S> extends StateProvider<List<S>>
    permits StringChoicesProvider, TypedStringChoicesProvider {
}
