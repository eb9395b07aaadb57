// Package serve runs a demo service's HTTP server (expvar and net/http/pprof on
// http.DefaultServeMux, the way most Go services publish them) until SIGINT or SIGTERM, then
// shuts it down gracefully. With pprof on the same origin, the demo's profile panels fill.
package serve

import (
	"context"
	"log"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/ on http.DefaultServeMux
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Run blocks until the process is asked to stop.
func Run(name, addr string) {
	server := &http.Server{Addr: addr, Handler: http.DefaultServeMux}
	go func() {
		if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			log.Fatalf("%s: %v", name, err)
		}
	}()
	log.Printf("%s: serving expvar on http://%s/debug/vars and pprof under /debug/pprof/", name, addr)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = server.Shutdown(ctx)
}
