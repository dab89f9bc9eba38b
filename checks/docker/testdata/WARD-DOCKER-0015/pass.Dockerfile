FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /app . && (cd tools && go build ./...)
RUN make -C /src/docs
