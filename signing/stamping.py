"""Put one PAdES signature, with its visible box, onto a PDF (pyHanko)."""

import logging
from io import BytesIO

from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle
from reportlab.pdfbase import pdfmetrics

from dossiers.printing.common import fonts

from .placement import Box

# fontTools reports each font table it leaves out of the subset (“FFTM NOT subset”): noise, not a fault.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


def _style() -> TextStampStyle:
    # The decision's own serif face, so the box's Vietnamese reads as the page around it.
    font = GlyphAccumulatorFactory(_font_file(), font_size=8)
    return TextStampStyle(
        stamp_text="%(label)s\n%(signer)s\n%(ts)s",
        text_box_style=TextBoxStyle(font=font),
        timestamp_format="%d/%m/%Y %H:%M:%S %z",
        border_width=1,
    )


def _font_file() -> str:
    # fonts() registered the family with reportlab; reportlab's TTFont remembers the file it came from.
    return pdfmetrics.getFont(fonts()[""]).face.filename


def sign_once(pdf: bytes, signer: signers.Signer, *, field: str, box: Box, label: str, reason: str) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    spec = fields.SigFieldSpec(field, on_page=box.page, box=(box.x1, box.y1, box.x2, box.y2))
    fields.append_signature_field(writer, spec)
    metadata = signers.PdfSignatureMetadata(
        field_name=field, reason=reason, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    pdf_signer = signers.PdfSigner(metadata, signer=signer, stamp_style=_style())
    out = pdf_signer.sign_pdf(writer, appearance_text_params={"label": label})
    return out.getvalue()
