# consult as a container: the wheel built from this tree, installed into a slim image.
# Used by compose.yaml; see README "Deployment".
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps -w /dist .

FROM python:3.11-slim-bookworm
# Voikko: Finnish lemmatisation with compound splitting (a simpler fallback is built in).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libvoikko1 voikko-fi \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /dist/ /tmp/dist/
RUN pip install --no-cache-dir /tmp/dist/*.whl && rm -rf /tmp/dist \
    && useradd --system --create-home --home-dir /var/lib/consult consult
USER consult
WORKDIR /var/lib/consult
ENV PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["gunicorn", "-c", "python:consult.gunicorn_config", "-w", "4", "-b", "0.0.0.0:8000", "consult.wsgi:app"]
