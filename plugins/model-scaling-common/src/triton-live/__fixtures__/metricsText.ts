/*
 * Triton `:8002/metrics` bodies as Triton 25.x writes them (prometheus-cpp,
 * labels sorted), for a pod serving resnet50 on one H200 with two model
 * instances spread over two GPUs, 15 s apart.
 */

function body(v: {
  success: [number, number];
  inferences: [number, number];
  execs: [number, number];
  queueUs: [number, number];
  inferUs: [number, number];
  inputUs: [number, number];
  outputUs: [number, number];
  rejected: number;
  pending: number;
}): string {
  return `# HELP nv_inference_request_success Number of successful inference requests, all batch sizes
# TYPE nv_inference_request_success counter
nv_inference_request_success{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.success[0]
  }
nv_inference_request_success{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.success[1]
  }
# HELP nv_inference_request_failure Number of failed inference requests, all batch sizes
# TYPE nv_inference_request_failure counter
nv_inference_request_failure{model="resnet50",reason="BACKEND",version="1"} 0
nv_inference_request_failure{model="resnet50",reason="CANCELED",version="1"} 0
nv_inference_request_failure{model="resnet50",reason="OTHER",version="1"} 0
nv_inference_request_failure{model="resnet50",reason="REJECTED",version="1"} ${
    v.rejected
  }
# HELP nv_inference_count Number of inferences performed (does not include cached requests)
# TYPE nv_inference_count counter
nv_inference_count{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.inferences[0]
  }
nv_inference_count{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.inferences[1]
  }
# HELP nv_inference_exec_count Number of model executions performed (does not include cached requests)
# TYPE nv_inference_exec_count counter
nv_inference_exec_count{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.execs[0]
  }
nv_inference_exec_count{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.execs[1]
  }
# HELP nv_inference_request_duration_us Cumulative inference request duration in microseconds (includes cached requests)
# TYPE nv_inference_request_duration_us counter
nv_inference_request_duration_us{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.queueUs[0] + v.inferUs[0] * 1.2
  }
nv_inference_request_duration_us{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.queueUs[1] + v.inferUs[1] * 1.2
  }
# HELP nv_inference_queue_duration_us Cumulative inference queuing duration in microseconds (includes cached requests)
# TYPE nv_inference_queue_duration_us counter
nv_inference_queue_duration_us{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.queueUs[0]
  }
nv_inference_queue_duration_us{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.queueUs[1]
  }
# HELP nv_inference_compute_input_duration_us Cumulative compute input duration in microseconds (does not include cached requests)
# TYPE nv_inference_compute_input_duration_us counter
nv_inference_compute_input_duration_us{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.inputUs[0]
  }
nv_inference_compute_input_duration_us{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.inputUs[1]
  }
# HELP nv_inference_compute_infer_duration_us Cumulative compute inference duration in microseconds (does not include cached requests)
# TYPE nv_inference_compute_infer_duration_us counter
nv_inference_compute_infer_duration_us{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.inferUs[0]
  }
nv_inference_compute_infer_duration_us{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.inferUs[1]
  }
# HELP nv_inference_compute_output_duration_us Cumulative inference compute output duration in microseconds (does not include cached requests)
# TYPE nv_inference_compute_output_duration_us counter
nv_inference_compute_output_duration_us{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b",model="resnet50",version="1"} ${
    v.outputUs[0]
  }
nv_inference_compute_output_duration_us{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",model="resnet50",version="1"} ${
    v.outputUs[1]
  }
# HELP nv_inference_pending_request_count Instantaneous number of pending requests awaiting execution per-model.
# TYPE nv_inference_pending_request_count gauge
nv_inference_pending_request_count{model="resnet50",version="1"} ${v.pending}
# HELP nv_model_load_duration_secs Model load time in seconds
# TYPE nv_model_load_duration_secs gauge
nv_model_load_duration_secs{model="resnet50",version="1"} 4.213
# HELP nv_gpu_utilization GPU utilization rate [0.0 - 1.0)
# TYPE nv_gpu_utilization gauge
nv_gpu_utilization{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b"} 0.61
nv_gpu_utilization{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"} 0.58
# HELP nv_gpu_memory_total_bytes GPU total memory, in bytes
# TYPE nv_gpu_memory_total_bytes gauge
nv_gpu_memory_total_bytes{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b"} 150754820096
nv_gpu_memory_total_bytes{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"} 150754820096
# HELP nv_gpu_memory_used_bytes GPU used memory, in bytes
# TYPE nv_gpu_memory_used_bytes gauge
nv_gpu_memory_used_bytes{gpu_uuid="GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b"} 3821010944
nv_gpu_memory_used_bytes{gpu_uuid="GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"} 3821010944
# HELP nv_cpu_utilization CPU utilization rate [0.0 - 1.0]
# TYPE nv_cpu_utilization gauge
nv_cpu_utilization 0.083
`;
}

/** First scrape at 10:00:00. */
export const metricsAt0 = body({
  success: [120000, 118000],
  inferences: [120000, 118000],
  execs: [15000, 14750],
  queueUs: [240000000, 236000000],
  inferUs: [186000000, 182900000],
  inputUs: [6000000, 5900000],
  outputUs: [1200000, 1180000],
  rejected: 3,
  pending: 2,
});

/**
 * Second scrape 15 s later: 30,000 more requests in 3,750 executions (batch 8),
 * 2 ms queue each, 1.55 ms compute infer per execution added to each request.
 */
export const metricsAt15 = body({
  success: [135000, 133000],
  inferences: [135000, 133000],
  execs: [16875, 16625],
  queueUs: [270000000, 266000000],
  inferUs: [209250000, 206150000],
  inputUs: [6750000, 6650000],
  outputUs: [1350000, 1330000],
  rejected: 18,
  pending: 7,
});

/** After a Triton restart: small counters again. */
export const metricsAfterRestart = body({
  success: [800, 800],
  inferences: [800, 800],
  execs: [200, 200],
  queueUs: [400000, 400000],
  inferUs: [1000000, 1000000],
  inputUs: [40000, 40000],
  outputUs: [8000, 8000],
  rejected: 0,
  pending: 0,
});
