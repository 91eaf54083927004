# Order Intake: API + embedded worker by default; set INTAKE_WORKER_MODE=external
# and run `intake worker` in more containers to scale out (compose.yaml, README).
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-deu fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/intake
COPY pyproject.toml README.md ./
COPY app ./app
COPY extractors ./extractors
COPY nlp_models ./nlp_models
COPY sample_docs ./sample_docs
# Editable: migrations, templates, the trained pipeline and the demo data are read
# from the source tree, exactly as in development.
RUN pip install --no-cache-dir -e .
ENV INTAKE_DATA_DIR=/var/lib/intake OMP_THREAD_LIMIT=1
VOLUME /var/lib/intake
EXPOSE 8000
# Demo customers, products and logins only when asked for (INTAKE_DEMO=1), never by default.
CMD ["sh", "-c", "intake db upgrade && if [ \"$INTAKE_DEMO\" = 1 ]; then intake demo; fi && intake serve --host 0.0.0.0 --port 8000 --no-migrate"]
