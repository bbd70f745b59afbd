package org.knime.node.parameters.updates;

/**
 * Stand-in: implemented by the classes named in {@link ValueReference}.
 *
 * @param <V> type of the referenced field (boxed for primitives)
 */
public interface ParameterReference<V> {
}
