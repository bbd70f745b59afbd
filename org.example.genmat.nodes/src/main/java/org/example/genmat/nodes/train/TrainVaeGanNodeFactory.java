package org.example.genmat.nodes.train;

import org.example.genmat.nodes.port.GenerativeModelPortObject;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Train VAE-GAN: crystal table → generative model + training history. */
public final class TrainVaeGanNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = TrainingNode.cite(DefaultNode.create() //
        .name("Train VAE-GAN") //
        .icon("train-vae-gan.png") //
        .shortDescription("Trains a VAE-GAN on crystals.") //
        .fullDescription("<p>Trains a VAE-GAN (a VAE whose decoder is also trained against a WGAN-GP critic) on the crystals of the input table, in the chosen"
            + " representation, optionally conditioned on a class or property column. TensorFlow runs through"
            + " DJL on the CPU or, when available, the GPU.</p><p>The VAE of Train VAE plus a WGAN-GP critic; the decoder loss adds the critic scores of reconstructions and of prior samples, each with its own weight. Defaults: the VAE defaults with a 1×512 critic, λ 10, n_critic 1, Adam 0.0001 (β 0.5, 0.9), adversarial weights 0.05.</p>" + TrainingNode.COMMON_OPTIONS) //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputTable("Training crystals", TrainingNode.IN_PORT_DESCRIPTION) //
            .addOutputPort("Generative model", TrainingNode.MODEL_PORT_DESCRIPTION, GenerativeModelPortObject.TYPE) //
            .addOutputTable("Training history", TrainingNode.HISTORY_PORT_DESCRIPTION)) //
        .model(m -> m.parametersClass(TrainVaeGanParameters.class) //
            .configure(TrainingNode::configure) //
            .execute(TrainingNode::execute)) //
        .nodeType(NodeType.Learner) //
        .keywords("generative", "VAE-GAN", "VAE", "GAN", "autoencoder", "Wasserstein", "WGAN-GP", "PacGAN",
            "deep learning", "crystal", "materials"),
        TrainingNode.TURK, TrainingNode.VAE, TrainingNode.WGAN_GP, TrainingNode.PACGAN, TrainingNode.VAE_GAN);

    /** Framework constructor. */
    public TrainVaeGanNodeFactory() {
        super(NODE);
    }
}
