package org.knime.core.node;

/**
 * Stand-in for KNIME's node factory base class (here only as the super type of
 * {@code org.knime.node.DefaultNodeFactory} and the home of {@link NodeType}).
 *
 * @param <T> the model type
 */
public abstract class NodeFactory<T extends NodeModel> {

    /** Node types, as in KNIME 5.8. */
    public enum NodeType {
        /** Source. */ Source,
        /** Sink. */ Sink,
        /** Learner. */ Learner,
        /** Predictor. */ Predictor,
        /** Manipulator. */ Manipulator,
        /** Visualizer. */ Visualizer,
        /** Widget. */ Widget,
        /** Meta. */ Meta,
        /** LoopStart. */ LoopStart,
        /** LoopEnd. */ LoopEnd,
        /** ScopeStart. */ ScopeStart,
        /** ScopeEnd. */ ScopeEnd,
        /** QuickForm. */ @Deprecated QuickForm,
        /** Configuration. */ Configuration,
        /** Other. */ Other,
        /** Missing. */ Missing,
        /** Unknown. */ Unknown,
        /** Subnode. */ Subnode,
        /** VirtualIn. */ VirtualIn,
        /** VirtualOut. */ VirtualOut,
        /** Container. */ Container
    }

    /** Framework constructor. */
    protected NodeFactory() {
    }
}
