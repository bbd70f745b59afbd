package org.example.genmat.nodes.train;

import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Train VAE: crystal table → generative model + training history. */
public final class TrainVaeNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = TrainingNode.cite(DefaultNode.create() //
        .name("Train VAE") //
        .icon("train-vae.png") //
        .shortDescription("Trains a variational autoencoder on crystals.") //
        .fullDescription("<p>Trains a variational autoencoder (VAE) on the crystals of the input table, in the chosen"
            + " representation, optionally conditioned on a class or property column. TensorFlow runs through"
            + " DJL on the CPU or, when available, the GPU.</p><p>The encoder maps each crystal vector to a Gaussian in latent space, the decoder maps latent samples back; the loss is the reconstruction error plus β times the KL divergence to N(0, I) (β with optional warm-up). Defaults after Türk et al. (2022): 2×256 hidden units, latent size 8, β 0.1, layer normalisation, Adam 0.001, batch 500, 10,000 steps.</p>" + TrainingNode.COMMON_OPTIONS) //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputTable("Training crystals", TrainingNode.IN_PORT_DESCRIPTION) //
            .addOutputPort("Generative model", TrainingNode.MODEL_PORT_DESCRIPTION, GenerativeModelPortObject.TYPE) //
            .addOutputTable("Training history", TrainingNode.HISTORY_PORT_DESCRIPTION)) //
        .model(m -> m.parametersClass(TrainVaeParameters.class) //
            .configure(TrainingNode::configure) //
            .execute(TrainingNode::execute)) //
        .nodeType(NodeType.Learner) //
        .keywords("generative", "VAE", "variational autoencoder", "autoencoder", "deep learning", "crystal",
            "materials"),
        TrainingNode.TURK, TrainingNode.VAE);

    /** Framework constructor. */
    public TrainVaeNodeFactory() {
        super(NODE);
    }
}
