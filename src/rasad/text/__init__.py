"""Text layer: normalisation with an offset map, sentence and token segmentation."""
