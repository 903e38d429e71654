"""One package per lesson: ``lessonNN/`` holds that lesson's cluster shape, checks, texts
and reference solutions. :mod:`autograder.registry` finds them."""
