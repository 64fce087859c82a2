"""One module per submodel (ODD section 7): demand, pay, matching, pipeline
(with faculty), retention, training, exits, policy. Each rule is a function of the model."""
