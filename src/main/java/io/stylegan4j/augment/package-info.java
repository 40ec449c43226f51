/**
 * Adaptive discriminator augmentation (Karras et al. 2020, "Training Generative Adversarial Networks with Limited
 * Data"): {@link io.stylegan4j.augment.AugmentPipe} applies the paper's differentiable augmentations to every image
 * D sees, real or generated, with probability p; {@link io.stylegan4j.augment.AdaController} moves p so that the
 * sign of D's logits on reals stays near the target r_t. {@link io.stylegan4j.augment.Augmentation} bundles the two
 * as the training step uses them.
 */
package io.stylegan4j.augment;
