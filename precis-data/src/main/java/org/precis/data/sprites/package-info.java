/**
 * A dSprites-like data set generated in code (no download): small grayscale images of one shape each, with five
 * known discrete factors of variation (shape, scale, rotation, x and y position) on a stated grid, for measuring
 * how well a code separates factors (disentanglement metrics such as the mutual information gap). After
 * L. Matthey, I. Higgins, D. Hassabis, A. Lerchner, "dSprites: disentanglement testing sprites dataset", 2017.
 *
 * <p>{@link org.precis.data.sprites.SpriteGrid} states the grid, {@link org.precis.data.sprites.Sprites} draws
 * seeded samples or the whole grid, and {@link org.precis.data.sprites.SpriteData} holds the images with their
 * factor indices.
 */
package org.precis.data.sprites;
