module goruntime.dev/demo

go 1.22
