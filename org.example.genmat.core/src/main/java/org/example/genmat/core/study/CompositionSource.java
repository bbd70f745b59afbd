package org.example.genmat.core.study;

/**
 * A stream of generated site assignments of the elpasolite space (a model or a baseline). Each draw
 * either writes a well-formed assignment — four real, distinct elements, as {@link org.example.genmat.core.metrics.ElpasoliteSpace}
 * indices on A, B, C, D — into {@code sites} and returns true, or returns false for a malformed draw
 * (a site naming no element, an element repeated), which still counts as drawn.
 */
@FunctionalInterface
public interface CompositionSource {

    boolean next(int[] sites);
}
