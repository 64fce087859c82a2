"""One module per submodel (ODD section 7): demand, pay, matching, pipeline,
retention, training, exits, policy. Each rule is a function of the model."""
