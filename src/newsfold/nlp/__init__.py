"""The language side of newsfold: the spaCy pipeline, quotation marks, cues, attribution, speakers and
claim mentions. spaCy stays inside this package; everything downstream works with `newsfold.models`."""
