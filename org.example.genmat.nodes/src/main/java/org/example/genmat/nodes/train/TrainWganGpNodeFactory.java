package org.example.genmat.nodes.train;

import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Train WGAN-GP: crystal table → generative model + training history. */
public final class TrainWganGpNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = TrainingNode.cite(DefaultNode.create() //
        .name("Train WGAN-GP") //
        .icon("train-wgan-gp.png") //
        .shortDescription("Trains a Wasserstein GAN with gradient penalty on crystals.") //
        .fullDescription("<p>Trains a Wasserstein GAN with gradient penalty (WGAN-GP) on the crystals of the input table, in the chosen"
            + " representation, optionally conditioned on a class or property column. TensorFlow runs through"
            + " DJL on the CPU or, when available, the GPU.</p><p>A generator maps N(0, I) latent samples to crystal vectors; a critic scores real against generated vectors with the Wasserstein loss and a gradient penalty λ on interpolates, updated n_critic times per generator step. Defaults after Türk et al. (2022): 1×512 generator and critic, latent size 8, λ 10, n_critic 5, Adam 0.00001 (β 0.9, 0.999), batch 100, 10,000 steps.</p>" + TrainingNode.COMMON_OPTIONS) //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputTable("Training crystals", TrainingNode.IN_PORT_DESCRIPTION) //
            .addOutputPort("Generative model", TrainingNode.MODEL_PORT_DESCRIPTION, GenerativeModelPortObject.TYPE) //
            .addOutputTable("Training history", TrainingNode.HISTORY_PORT_DESCRIPTION)) //
        .model(m -> m.parametersClass(TrainWganGpParameters.class) //
            .configure(TrainingNode::configure) //
            .execute(TrainingNode::execute)) //
        .nodeType(NodeType.Learner) //
        .keywords("generative", "WGAN-GP", "GAN", "Wasserstein", "gradient penalty", "PacGAN", "deep learning",
            "crystal", "materials"),
        TrainingNode.TURK, TrainingNode.WGAN_GP, TrainingNode.PACGAN);

    /** Framework constructor. */
    public TrainWganGpNodeFactory() {
        super(NODE);
    }
}
